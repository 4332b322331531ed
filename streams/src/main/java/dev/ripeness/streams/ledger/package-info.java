/**
 * The event log's event-sourcing rules in plain Java: {@code EventLedger} (which events enter;
 * which content is in effect once duplicates, versions, corrections and retractions are applied)
 * and {@code EventVersions} (the total order between versions). Known-at answers fold the
 * ledger's effective events with {@code ConflictRun}; docs/streams.md. Depends on the Avro
 * records and the event rules of {@code dev.ripeness.event} only.
 */
package dev.ripeness.streams.ledger;
