package dev.ripeness.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** /health is liveness only, /ready waits for a running, caught-up pipeline, and /metrics keeps its label sets bounded. */
@Execution(ExecutionMode.CONCURRENT) // each test starts its own server over its own pipeline, so the tests run side by side
class ReadinessTest {

    /** A pipeline whose state and progress the test sets. */
    private static final class Pipeline implements PipelineStatus {
        volatile String state = "RUNNING";
        volatile long lag;
        volatile long processed;
        volatile long deadLetters;

        @Override
        public String state() {
            return state;
        }

        @Override
        public long lag() {
            return lag;
        }

        @Override
        public long processed() {
            return processed;
        }

        @Override
        public long deadLetters() {
            return deadLetters;
        }
    }

    private final Pipeline pipeline = new Pipeline();
    private ApiServer server;

    @BeforeEach
    void start() {
        server = ApiServer.builder(FakeStateQueries.withTestSeries(), TestSeries.catalog()).port(0).pipeline(pipeline).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldAnswer503NamingTheStateWhileThePipelineRebalancesButStayLive() {
        // Given
        pipeline.state = "REBALANCING";

        // When
        Http.Answer ready = Http.get(server, "/ready");

        // Then
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.header("Retry-After")).isNotNull();
        assertThat(ready.json().path("error").asText()).contains("REBALANCING");
        assertThat(Http.get(server, "/health").status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer503WithHowManyEventsBehindWhileThePipelineCatchesUp() {
        // Given
        pipeline.lag = 1234;

        // When
        Http.Answer ready = Http.get(server, "/ready");

        // Then
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().path("error").asText()).contains("1234 events behind");
        assertThat(ready.json().path("lag").asLong()).isEqualTo(1234);
    }

    @Test
    void shouldAnswer200WhenRunningAndCaughtUp() {
        // When
        Http.Answer ready = Http.get(server, "/ready");

        // Then
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("READY");
    }

    @Test
    void shouldPublishLagProcessedCountAndDeadLettersInMetrics() {
        // Given
        pipeline.lag = 17;
        pipeline.processed = 2_200;
        pipeline.deadLetters = 3;

        // When
        String metrics = Http.get(server, "/metrics").body();

        // Then
        List<String> lines = metrics.lines().toList();
        assertThat(MetricsEndpointTest.value(lines, "ripeness_pipeline_lag_events")).isEqualTo(17);
        assertThat(MetricsEndpointTest.value(lines, "ripeness_pipeline_processed_records_total")).isEqualTo(2_200);
        assertThat(MetricsEndpointTest.value(lines, "ripeness_dead_letters")).isEqualTo(3);
        assertThat(MetricsEndpointTest.value(lines, "ripeness_pipeline_running")).isEqualTo(1);
    }

    @Test
    void shouldCountMadeUpMethodsUnderOneLabelNotOneSeriesEach() {
        // When 300 requests each use a different made-up method
        for (int i = 0; i < 300; i++) {
            Http.send(HttpRequest.newBuilder(Http.uri(server, "/api/conflicts")).method("X" + i, HttpRequest.BodyPublishers.noBody()));
        }
        String metrics = Http.get(server, "/metrics").body();

        // Then they are one series, method="OTHER"
        assertThat(metrics).doesNotContain("method=\"X1\"");
        List<String> other = metrics.lines()
                .filter(l -> l.startsWith("ripeness_http_requests_seconds_count{") && l.contains("method=\"OTHER\"")).toList();
        assertThat(other).hasSize(1);
        assertThat(Double.parseDouble(other.get(0).substring(other.get(0).lastIndexOf(' ') + 1))).isEqualTo(300);
    }
}
