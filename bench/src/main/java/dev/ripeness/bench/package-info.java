/**
 * JMH microbenchmarks of the pure model ({@code dev.ripeness.streams.ripeness}), no Kafka:
 * {@link dev.ripeness.bench.InOrderDayBenchmark} (an in-order day costs the same after 1k,
 * 100k or 1M prior events) and {@link dev.ripeness.bench.LateEventBenchmark} (a late event
 * costs in proportion to the span it re-folds). {@link dev.ripeness.bench.ModelHistory}
 * builds the histories. Depends on streams and producers (the synthetic generator);
 * nothing depends on it. Never run by {@code mvn verify}.
 */
package dev.ripeness.bench;
