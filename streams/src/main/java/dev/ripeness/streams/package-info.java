/**
 * The ripeness pipeline: {@link dev.ripeness.streams.RipenessPipeline} (topology, config,
 * lifecycle). The model lives in {@code model}, {@code demand}, {@code stalemate} and
 * {@code ripeness} (plain Java); the event-sourcing rules in {@code ledger} (plain Java); the
 * Kafka plumbing in {@code topology}; reads in {@code query}.
 */
package dev.ripeness.streams;
