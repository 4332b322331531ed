package dev.ripeness.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: valid Prometheus text with request counts and the Kafka Streams metrics bound to it. */
class MetricsEndpointTest {

    // A sample line: name, optional {labels}, value (Prometheus text format 0.0.4).
    private static final String SAMPLE = "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)";

    @TempDir
    Path stateDir;

    @Test
    void shouldExposeRequestCountsAndKafkaStreamsMetricsInPrometheusFormat() {
        // Given: a Kafka Streams client (created, not started: it has its metrics, and needs no broker)
        // bound with Micrometer's binder, as the launcher binds the pipeline
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "metrics-test");
        config.put(StreamsConfig.CLIENT_ID_CONFIG, "metrics-test-client");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("metrics-test-in").to("metrics-test-out");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
            FakeStateQueries state = FakeStateQueries.withTestSeries();
            try (ApiServer server = ApiServer.builder(state, TestSeries.catalog()).port(0)
                    .metrics(new KafkaStreamsMetrics(streams)).start()) {
                Http.get(server, "/api/conflicts/" + TestSeries.CONFLICT + "/ripeness");
                Http.get(server, "/api/conflicts/" + TestSeries.CONFLICT + "/ripeness");
                Http.get(server, "/api/conflicts/atlantis/ripeness");

                // When
                Http.Answer answer = Http.get(server, "/metrics");

                // Then every line is Prometheus text, each family typed once
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.header("Content-Type")).startsWith("text/plain; version=0.0.4");
                List<String> lines = Arrays.asList(answer.body().split("\n"));
                assertThat(lines).allSatisfy(line -> assertThat(line).matches("# (HELP|TYPE) .*|" + SAMPLE));
                assertThat(lines.stream().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2])).doesNotHaveDuplicates();
                // and requests are counted per route pattern and status
                assertThat(lines).contains("# TYPE ripeness_http_requests_seconds summary");
                assertThat(value(lines, "ripeness_http_requests_seconds_count{method=\"GET\",route=\"/api/conflicts/{id}/ripeness\",status=\"200\"}"))
                        .isEqualTo(2);
                assertThat(value(lines, "ripeness_http_requests_seconds_count{method=\"GET\",route=\"/api/conflicts/{id}/ripeness\",status=\"404\"}"))
                        .isEqualTo(1);
                assertThat(value(lines, "ripeness_live_clients")).isZero();
                // and the Kafka Streams client's own metrics are there, named by Micrometer's Kafka binder
                assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("kafka_stream_alive_stream_threads{")
                        .contains("client_id=\"metrics-test-client\""));
            }
        }
    }

    /** The value of the one sample whose name and labels are {@code series}. */
    static double value(List<String> lines, String series) {
        List<String> found = lines.stream().filter(l -> l.startsWith(series + " ")).toList();
        assertThat(found).as(series).hasSize(1);
        return Double.parseDouble(found.get(0).substring(series.length() + 1));
    }
}
