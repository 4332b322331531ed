package dev.ripeness.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripeness.api.live.LiveChange;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.json.AvroJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/stream}: one SSE event per state change of the asked conflict, keep-alives while idle. */
class LiveStreamTest {

    private FakeStateQueries state;
    private ApiServer server;

    @BeforeEach
    void start() {
        state = FakeStateQueries.withTestSeries();
        server = ApiServer.builder(state, TestSeries.catalog()).port(0).changes(state.changes())
                .keepAlive(Duration.ofMillis(300)).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldPushOneEventPerStateChangeOfTheConflictWhenSubscribed() throws Exception {
        // Given
        try (SseClient client = new SseClient(Http.uri(server, "/api/stream?conflict=" + TestSeries.CONFLICT))) {
            await("stream connected").atMost(Duration.ofSeconds(10)).until(() -> client.connected() && state.changes().subscribers() == 1);
            List<RipenessAssessment> series = state.assessments();

            // When: a new assessment, and a change of another conflict that must not reach this client
            state.append(TestSeries.next(series.get(series.size() - 1), "2025-04-01", "ns-013-live", 0.71));
            state.changes().publish(new LiveChange(LiveChange.ASSESSMENT, "other-war", "other-war", AvroJson.MAPPER.createObjectNode()));
            state.append(TestSeries.next(series.get(series.size() - 1), "2025-04-02", "ns-014-live", 0.72));

            // Then
            await("two events delivered").atMost(Duration.ofSeconds(10)).until(() -> client.data().size() == 2);
            assertThat(client.lines).contains("event: assessment");
            assertThat(AvroJson.MAPPER.readTree(client.data().get(0)).path("value").path("lastEventId").asText()).isEqualTo("ns-013-live");
            assertThat(AvroJson.MAPPER.readTree(client.data().get(1)).path("conflict").asText()).isEqualTo(TestSeries.CONFLICT);
            assertThat(client.response.get().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        }
    }

    @Test
    void shouldSendKeepAliveCommentsWhenNothingChanges() {
        try (SseClient client = new SseClient(Http.uri(server, "/api/stream"))) {
            await("keep-alive received").atMost(Duration.ofSeconds(10)).until(() -> client.lines.contains(": keep-alive"));
        }
    }

    @Test
    void shouldReleaseTheSubscriptionWhenTheClientGoesAway() {
        // Given
        SseClient client = new SseClient(Http.uri(server, "/api/stream"));
        await("stream connected").atMost(Duration.ofSeconds(10)).until(() -> state.changes().subscribers() == 1);

        // When
        client.close();

        // Then: the next keep-alive write fails and the session ends
        await("subscription released").atMost(Duration.ofSeconds(10)).until(() -> state.changes().subscribers() == 0);
    }

    @Test
    void shouldAnswer404WhenStreamConflictIsUnknown() {
        assertThat(Http.get(server, "/api/stream?conflict=atlantis").status()).isEqualTo(404);
    }

    @Test
    void shouldEndOpenStreamsWhenTheServerCloses() {
        // Given
        SseClient client = new SseClient(Http.uri(server, "/api/stream"));
        await("stream connected").atMost(Duration.ofSeconds(10)).until(() -> state.changes().subscribers() == 1);

        // When
        server.close();

        // Then
        await("subscription released").atMost(Duration.ofSeconds(10)).until(() -> state.changes().subscribers() == 0);
        client.close();
    }
}
