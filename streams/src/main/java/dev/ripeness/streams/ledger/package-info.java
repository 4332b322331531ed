/**
 * The event log's event-sourcing rules in plain Java, their one home: {@code EventLedger}
 * (which events enter; which content is in effect once duplicates, versions, corrections and
 * retractions are applied) and {@code EventVersions} (the total order between versions). The
 * ledger keeps its state through a {@code LedgerState}: {@code MemoryLedgerState} for known-at
 * answers and tests, the pipeline's stores for the processor. Known-at answers fold the
 * ledger's effective events with {@code ConflictRun}; docs/streams.md. Depends on the Avro
 * records and the event rules of {@code dev.ripeness.event} only.
 */
package dev.ripeness.streams.ledger;
