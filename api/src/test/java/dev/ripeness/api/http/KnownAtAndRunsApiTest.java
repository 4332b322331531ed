package dev.ripeness.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ?knownAt=} and the comparison-run endpoints ({@code GET /api/runs},
 * {@code timeline?run=}) against fake sources over the series of {@link TestSeries}, in which
 * the fake records every event at noon UTC of its event date.
 * One server serves the whole class (each stop waits out the idle keep-alive connections); no
 * test changes the sources, and each starts with no instant asked.
 */
class KnownAtAndRunsApiTest {

    private static final String C = TestSeries.CONFLICT;

    private static FakeStateQueries state;
    private static FakeKnownAtSource knownAt;
    private static ApiServer server;

    @BeforeAll
    static void start() {
        state = FakeStateQueries.withTestSeries();
        knownAt = new FakeKnownAtSource(state.assessments());
        FakeComparisonRuns runs = new FakeComparisonRuns().withRun("1a2b3c4d", state.assessments(), 0.5);
        server = ApiServer.builder(state, TestSeries.catalog()).port(0).knownAt(knownAt).comparisonRuns(runs).start();
    }

    @BeforeEach
    void noInstantAskedYet() {
        knownAt.forget();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldAnswerFromTheEventsRecordedUpToTheInstantWhenKnownAtIsGiven() {
        // When: on 2024-04-30 the events up to 2024-04-20 had been recorded; the live state knows all of them
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/ripeness?knownAt=2024-04-30T00:00:00Z");

        // Then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("asOf").asText()).isEqualTo("2024-04-20");
        assertThat(answer.json().path("lastEventId").asText()).isEqualTo("ns-004-talks-round-1");
        assertThat(answer.json().path("knownAt").asText()).isEqualTo("2024-04-30T00:00:00Z");
        assertThat(Http.get(server, "/api/conflicts/" + C + "/ripeness").json().path("asOf").asText())
                .isEqualTo(state.assessments().get(state.assessments().size() - 1).getAsOf());
    }

    @Test
    void shouldCombineKnownAtWithAsOfWhenBothAreGiven() {
        // When
        JsonNode r = Http.get(server, "/api/conflicts/" + C + "/ripeness?knownAt=2024-09-30T00:00:00Z&asOf=2024-03-20").json();

        // Then
        assertThat(r.path("asOf").asText()).isEqualTo("2024-03-15");
    }

    @Test
    void shouldTakeADateAloneAsTheEndOfThatDayUtcWhenKnownAtHasNoTime() {
        // When: the 2024-04-20 event was recorded at noon that day
        JsonNode r = Http.get(server, "/api/conflicts/" + C + "/ripeness?knownAt=2024-04-20").json();

        // Then
        assertThat(knownAt.asked).containsExactly(Instant.parse("2024-04-20T23:59:59.999Z"));
        assertThat(r.path("asOf").asText()).isEqualTo("2024-04-20");
    }

    @Test
    void shouldHonourTheOffsetWhenKnownAtHasOneEncodedOrNot() {
        // When: 13:00+02:00 is 11:00 UTC, before the noon recording of the 2024-04-20 event
        JsonNode encoded = Http.get(server, "/api/conflicts/" + C + "/ripeness?knownAt=2024-04-20T13:00:00%2B02:00").json();
        JsonNode plain = Http.get(server, "/api/conflicts/" + C + "/ripeness?knownAt=2024-04-20T13:00:00+02:00").json();

        // Then
        assertThat(knownAt.asked).containsExactly(Instant.parse("2024-04-20T11:00:00Z"), Instant.parse("2024-04-20T11:00:00Z"));
        assertThat(encoded.path("asOf").asText()).isEqualTo("2024-03-15");
        assertThat(plain.path("asOf").asText()).isEqualTo("2024-03-15");
    }

    @Test
    void shouldAnswer400NamingTheAcceptedFormsWhenKnownAtIsNotADateTime() {
        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/ripeness?knownAt=20.04.2022");

        // Then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("`knownAt`", "20.04.2022", "ISO-8601",
                "2022-04-20T12:00:00Z", "2022-04-20 (the end of that day, UTC)");
        assertThat(knownAt.asked).isEmpty();
    }

    @Test
    void shouldAnswer404WhenNothingWasRecordedByTheInstant() {
        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/ripeness?knownAt=2020-01-01T00:00:00Z");

        // Then
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).contains("no assessment from the events recorded up to 2020-01-01T00:00:00Z");
    }

    @Test
    void shouldAnswerTheKnownTimelineWithinBoundsWhenTimelineHasKnownAt() {
        // When
        JsonNode t = Http.get(server, "/api/conflicts/" + C + "/timeline?knownAt=2024-06-01T00:00:00Z&from=2024-02-01").json();

        // Then
        assertThat(t.path("points").findValuesAsText("asOf")).containsExactly("2024-02-02", "2024-03-15", "2024-04-20", "2024-05-30");
        assertThat(t.path("knownAt").asText()).isEqualTo("2024-06-01T00:00:00Z");
    }

    @Test
    void shouldAnswer501WithAClearMessageWhenNoKnownAtSourceIsConfigured() {
        // Given
        try (ApiServer bare = ApiServer.builder(state, TestSeries.catalog()).port(0).start()) {
            // When
            Http.Answer answer = Http.get(bare, "/api/conflicts/" + C + "/ripeness?knownAt=2024-04-30T00:00:00Z");

            // Then
            assertThat(answer.status()).isEqualTo(501);
            assertThat(answer.json().path("error").asText()).contains("no `knownAt` queries", "ripeness replay --known-at");
        }
    }

    @Test
    void shouldListKeptComparisonRunsWhenRunsAreAsked() {
        // When
        JsonNode r = Http.get(server, "/api/runs").json();

        // Then
        assertThat(r.path("runs").get(0).asText()).isEqualTo("1a2b3c4d");
        assertThat(r.path("runs").size()).isEqualTo(1);
    }

    @Test
    void shouldAnswerTheRunsTimelineWhenRunIsGiven() {
        // When
        JsonNode t = Http.get(server, "/api/conflicts/" + C + "/timeline?run=1a2b3c4d&to=2024-02-28").json();

        // Then: the run's own ripeness (half the live one in this fake), within the bounds
        assertThat(t.path("run").asText()).isEqualTo("1a2b3c4d");
        assertThat(t.path("points").findValuesAsText("asOf")).containsExactly("2024-01-10", "2024-02-02");
        assertThat(t.path("points").get(1).path("ripeness").asDouble())
                .isEqualTo(state.assessments().get(1).getRipeness() * 0.5);
    }

    @Test
    void shouldAnswer404ListingTheRunsWhenRunIsUnknown() {
        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/timeline?run=ffffffff");

        // Then
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).contains("no comparison run `ffffffff`", "1a2b3c4d");
    }

    @Test
    void shouldAnswer400WhenTimelineHasBothKnownAtAndRun() {
        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/timeline?run=1a2b3c4d&knownAt=2024-06-01");

        // Then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("either `knownAt` or `run`");
    }

    @Test
    void shouldListNoRunsAndAnswer501ForRunWhenNoneAreConfigured() {
        // Given
        try (ApiServer bare = ApiServer.builder(state, TestSeries.catalog()).port(0).start()) {
            // When / Then
            assertThat(Http.get(bare, "/api/runs").json().path("runs").size()).isZero();
            Http.Answer answer = Http.get(bare, "/api/conflicts/" + C + "/timeline?run=1a2b3c4d");
            assertThat(answer.status()).isEqualTo(501);
            assertThat(answer.json().path("error").asText()).contains("no comparison runs");
        }
    }
}
