package dev.ripeness.sinks.http;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Kafka client metrics to publish on {@code /metrics}: typically
 * {@code KafkaStreams::metrics} (which includes its consumers' {@code records-lag} and
 * {@code records-lag-max}) and the live-push consumer's metrics.
 */
@FunctionalInterface
public interface MetricsSource {

    /** The current metrics; called on every scrape. */
    Map<MetricName, ? extends Metric> kafkaMetrics();

    /** No Kafka metrics. */
    MetricsSource NONE = Map::of;

    /** The union of several suppliers' metrics. */
    @SafeVarargs
    static MetricsSource of(Supplier<? extends Map<MetricName, ? extends Metric>>... suppliers) {
        return () -> {
            Map<MetricName, Metric> all = new HashMap<>();
            for (Supplier<? extends Map<MetricName, ? extends Metric>> supplier : suppliers) {
                all.putAll(supplier.get());
            }
            return all;
        };
    }
}
