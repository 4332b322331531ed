package dev.ripeness.api.http;

import dev.ripeness.api.live.StateChanges;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code GET /metrics} publishes, kept in Micrometer's Prometheus registry: requests per
 * method, route pattern and status; the pipeline's and the live push's gauges; and whatever
 * the given binders add (the launcher passes {@code KafkaStreamsMetrics} for the pipeline and
 * {@code KafkaClientMetrics} for the live-push consumer). Every label of ours has a bounded
 * set of values: route patterns, not paths; the standard methods and {@code OTHER} for any
 * made-up one; the status codes the API answers.
 */
final class HttpMetrics implements AutoCloseable {

    /** The Prometheus text format that {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(HttpMetrics.class);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<MeterBinder> binders;

    HttpMetrics(LiveStreams live, PipelineStatus pipeline, StateChanges changes, List<MeterBinder> binders) {
        this.binders = List.copyOf(binders);
        Gauge.builder("ripeness.live.clients", live, LiveStreams::clients).strongReference(true)
                .description("Open Server-Sent Events streams.").register(registry);
        Gauge.builder("ripeness.pipeline.running", pipeline, p -> "RUNNING".equals(p.state()) ? 1 : 0).strongReference(true)
                .description("1 when the pipeline is RUNNING, else 0.").register(registry);
        Gauge.builder("ripeness.pipeline.lag.events", pipeline, p -> known(p.lag())).strongReference(true)
                .description("Events in the log the pipeline has not processed yet (NaN while unknown).").register(registry);
        FunctionCounter.builder("ripeness.pipeline.processed.records", pipeline, PipelineStatus::processed)
                .description("Records the pipeline has processed since this instance started.").register(registry);
        Gauge.builder("ripeness.dead.letters", pipeline, p -> known(p.deadLetters())).strongReference(true)
                .description("Committed end offsets of the dead-letter topic: records plus transaction markers, "
                        + "so it grows exactly when dead letters arrive (NaN while unknown).").register(registry);
        Gauge.builder("ripeness.live.consumer.lag.records", changes, c -> c.lag().isPresent() ? c.lag().getAsLong() : Double.NaN)
                .strongReference(true)
                .description("Records of the state topics the live-push consumer has not read yet (NaN while unknown).")
                .register(registry);
        this.binders.forEach(b -> b.bindTo(registry));
    }

    /** The method as a label: itself when standard, else {@code OTHER}. */
    static String method(String method) {
        return METHODS.contains(method) ? method : "OTHER";
    }

    void record(String method, String route, int status, long nanos) {
        Timer.builder("ripeness.http.requests")
                .description("HTTP requests answered and the time spent (SSE: the whole stream), by method, route pattern and status.")
                .tags("method", method(method), "route", route, "status", Integer.toString(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Every meter in the Prometheus text format. */
    String scrape() {
        return registry.scrape();
    }

    /** Stops the binders that refresh on their own thread (the Kafka ones), then the registry. */
    @Override
    public void close() {
        for (MeterBinder binder : binders) {
            if (binder instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("metrics binder {} did not close cleanly: {}", binder.getClass().getSimpleName(), e.toString());
                }
            }
        }
        registry.close();
    }

    private static double known(long value) {
        return value < 0 ? Double.NaN : value;
    }
}
