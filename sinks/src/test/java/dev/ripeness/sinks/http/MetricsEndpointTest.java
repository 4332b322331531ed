package dev.ripeness.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.stats.Value;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: valid Prometheus text with request counts and the Kafka metrics passed in. */
class MetricsEndpointTest {

    // A sample line: name, optional {labels}, value (Prometheus text format 0.0.4).
    private static final String SAMPLE = "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)";

    @Test
    void shouldExposeRequestCountsAndKafkaMetricsInPrometheusFormat() {
        // Given: a Kafka metric as KafkaStreams.metrics() would hand it over
        try (Metrics kafka = new Metrics()) {
            MetricName lagName = kafka.metricName("records-lag-max", "consumer-fetch-manager-metrics",
                    "The maximum lag in records", Map.of("client-id", "app-1-StreamThread-1-consumer"));
            kafka.sensor("lag").add(lagName, new Value());
            kafka.sensor("lag").record(42);
            FakeStateQueries state = FakeStateQueries.withTestSeries();
            try (ApiServer server = ApiServer.builder(state, TestSeries.catalog()).port(0)
                    .metrics(() -> Map.of(lagName, kafka.metric(lagName))).start()) {
                Http.get(server, "/api/conflicts/" + TestSeries.CONFLICT + "/ripeness");
                Http.get(server, "/api/conflicts/" + TestSeries.CONFLICT + "/ripeness");
                Http.get(server, "/api/conflicts/atlantis/ripeness");

                // When
                Http.Answer answer = Http.get(server, "/metrics");

                // Then
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.header("Content-Type")).startsWith("text/plain; version=0.0.4");
                List<String> lines = Arrays.asList(answer.body().split("\n"));
                assertThat(lines).allSatisfy(line -> assertThat(line).matches("# (HELP|TYPE) .*|" + SAMPLE));
                assertThat(lines).contains(
                        "# TYPE ripeness_http_requests_total counter",
                        "ripeness_http_requests_total{method=\"GET\",route=\"/api/conflicts/{id}/ripeness\",status=\"200\"} 2",
                        "ripeness_http_requests_total{method=\"GET\",route=\"/api/conflicts/{id}/ripeness\",status=\"404\"} 1",
                        "kafka_consumer_fetch_manager_metrics_records_lag_max{client_id=\"app-1-StreamThread-1-consumer\"} 42",
                        "ripeness_live_clients 0");
                assertThat(lines.stream().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2])).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void shouldLeaveOutNonNumericKafkaMetricsWhenRendering() {
        try (Metrics kafka = new Metrics()) {
            MetricName version = kafka.metricName("version", "app-info", "", Map.of());
            kafka.addMetric(version, (org.apache.kafka.common.metrics.Gauge<String>) (config, now) -> "4.4.0");
            KafkaMetric metric = kafka.metric(version);
            PrometheusText text = new PrometheusText();
            text.kafka(Map.of(version, metric));
            assertThat(text.toString()).isEmpty();
        }
    }
}
