package dev.ripeness.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.streams.query.StateQueries;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read endpoints, event posting and error answers, against the fake state of {@link TestSeries}.
 * One server serves the whole class (each stop waits out the idle keep-alive connections); no test
 * changes the series, and each starts with the state readable and the feed empty.
 */
class ApiServerTest {

    private static final String C = TestSeries.CONFLICT;

    private static FakeStateQueries state;
    private static FakeEventFeed feed;
    private static ApiServer server;

    @BeforeAll
    static void start() {
        state = FakeStateQueries.withTestSeries();
        feed = new FakeEventFeed();
        server = ApiServer.builder(state, TestSeries.catalog()).port(0).feed(feed)
                .statePatience(Duration.ofMillis(600)).retryAfterSeconds(7).maxBodyBytes(4096).start();
    }

    @BeforeEach
    void readableStateAndEmptyFeed() {
        state.unavailableFor(0);
        feed.seen.clear();
        feed.origins.clear();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldListConflictsWithLaddersAndStateWhenCatalogKnowsThem() {
        // When
        Http.Answer answer = Http.get(server, "/api/conflicts");

        // Then
        assertThat(answer.status()).isEqualTo(200);
        JsonNode conflict = answer.json().path("conflicts").get(0);
        assertThat(conflict.path("id").asText()).isEqualTo(C);
        assertThat(conflict.path("hasState").asBoolean()).isTrue();
        assertThat(conflict.path("actors").findValuesAsText("code")).containsExactly("NORTH", "SOUTH", "MED");
        JsonNode territory = conflict.path("dimensions").get(0);
        assertThat(territory.path("id").asText()).isEqualTo("territory");
        assertThat(territory.path("rungs").get(2).path("label").asText()).isEqualTo("annex occupied land");
        assertThat(territory.path("rungs").get(2).path("rank").asInt()).isEqualTo(2);
        assertThat(conflict.path("fronts").findValuesAsText("id")).containsExactly("east", "south");
    }

    @Test
    void shouldAnswerLatestAssessmentWithEveryPublishedFieldWhenAsOfIsAbsent() {
        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/ripeness");

        // Then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode r = answer.json();
        RipenessAssessment last = state.assessments().get(state.assessments().size() - 1);
        assertThat(r.path("conflict").asText()).isEqualTo(C);
        assertThat(r.path("asOf").asText()).isEqualTo(last.getAsOf());
        assertThat(r.path("modelVersion").asText()).isEqualTo("test-1");
        assertThat(r.path("ripeness").asDouble()).isEqualTo(last.getRipeness()).isBetween(0.0, 1.0);
        assertThat(r.path("band").asText()).isEqualTo(last.getBand());
        assertThat(r.path("pathway").asText()).isEqualTo(last.getPathway());
        assertThat(r.path("components").fieldNames()).toIterable()
                .contains("mhs", "wayOut", "demandGap", "zopa", "catastrophe", "opportunity");
        assertThat(r.path("actors").path("NORTH").fieldNames()).toIterable()
                .contains("perceivedStalemate", "hurt", "demandIndex", "momentum");
        assertThat(r.path("mediator").path("stance").isNumber()).isTrue();
        assertThat(r.path("mediator").has("reversals")).isTrue();
        assertThat(r.path("drivers").get(0).path("eventId").asText()).isEqualTo("ns-012-offensive-failed");
        assertThat(r.path("drivers").get(0).path("component").asText()).isEqualTo("mhs");
        assertThat(r.path("drivers").get(0).path("delta").asDouble()).isEqualTo(0.20);
    }

    @Test
    void shouldAnswerTheAssessmentOfTheLastEventDayWhenAsOfFallsBetweenEvents() {
        // When: 2024-06-20 lies between the events of 06-14 and 08-01
        JsonNode r = Http.get(server, "/api/conflicts/" + C + "/ripeness?asOf=2024-06-20").json();

        // Then
        assertThat(r.path("asOf").asText()).isEqualTo("2024-06-14");
        assertThat(r.path("lastEventId").asText()).isEqualTo("ns-006-ratchet-provinces");
    }

    @Test
    void shouldAnswer400NamingTheParameterAndTheFixWhenAsOfIsNotADate() {
        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/ripeness?asOf=2024-13-40");

        // Then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("`asOf`", "2024-13-40", "YYYY-MM-DD");
    }

    @Test
    void shouldAnswer400WhenAParameterIsMisspelt() {
        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/ripeness?asof=2024-06-01");

        // Then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("unknown parameter `asof`", "`asOf`");
    }

    @Test
    void shouldAnswer404ListingKnownConflictsWhenConflictIsUnknown() {
        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/atlantis/ripeness");

        // Then
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).contains("unknown conflict `atlantis`", C);
    }

    @Test
    void shouldAnswer404WhenNoEventIsDatedBeforeAsOf() {
        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/ripeness?asOf=2023-12-31");

        // Then
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).contains("no assessment as of 2023-12-31");
    }

    @Test
    void shouldAnswerTheAssessmentsBetweenBoundsOldestFirstWhenTimelineIsAsked() {
        // When
        JsonNode t = Http.get(server, "/api/conflicts/" + C + "/timeline?from=2024-03-01&to=2024-09-30").json();

        // Then
        assertThat(t.path("points").findValuesAsText("asOf"))
                .containsExactly("2024-03-15", "2024-04-20", "2024-05-30", "2024-06-14", "2024-08-01", "2024-09-12");
        assertThat(t.path("count").asInt()).isEqualTo(6);
        assertThat(t.path("points").get(0).path("actors").path("NORTH").path("positions").get(0).path("demandRank").asInt()).isEqualTo(2);
    }

    @Test
    void shouldAnswerTheWholeSeriesWhenTimelineHasNoBounds() {
        assertThat(Http.get(server, "/api/conflicts/" + C + "/timeline").json().path("count").asInt())
                .isEqualTo(TestSeries.STEPS.size());
    }

    @Test
    void shouldAnswer400WhenFromIsAfterTo() {
        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/timeline?from=2025-01-01&to=2024-01-01");

        // Then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("`from`", "`to`", "swap");
    }

    @Test
    void shouldAnswerActorDemandWithRungLabelsWhenActorIsKnown() {
        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/actors/NORTH?asOf=2024-07-01");

        // Then
        assertThat(answer.status()).isEqualTo(200);
        JsonNode territory = answer.json().path("positions").get(0);
        assertThat(territory.path("demand").asText()).isEqualTo("T3");
        assertThat(territory.path("demandLabel").asText()).isEqualTo("annex whole provinces");
        assertThat(territory.path("dimensionLabel").asText()).isEqualTo("Territory");
        assertThat(territory.path("changedBy").asText()).isEqualTo("ns-006-ratchet-provinces");
    }

    @Test
    void shouldAnswer404NamingTheActorsWhenActorIsUnknown() {
        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/actors/EAST");

        // Then
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).contains("no actor `EAST`", "NORTH, SOUTH, MED");
    }

    @Test
    void shouldAnswer404WhenKnownActorHasNoStateYet() {
        // When: the mediator never stated a demand
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/actors/MED");

        // Then
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).contains("`MED`", "no demand state");
    }

    @Test
    void shouldAnswerEveryFrontAndActorAsOfTheDateWhenFrontsAreAsked() {
        // When
        JsonNode f = Http.get(server, "/api/conflicts/" + C + "/fronts?asOf=2024-09-01").json();

        // Then
        assertThat(f.path("fronts")).hasSize(4);
        assertThat(f.path("fronts").findValuesAsText("asOf")).containsOnly("2024-08-01");
        assertThat(f.path("fronts").get(0).path("windows").findValuesAsText("days")).containsExactly("30", "90", "180");
        assertThat(f.path("fronts").get(0).path("siegeDays").asInt()).isEqualTo(120);
    }

    @Test
    void shouldExplainWhichEventMovedWhichComponentByHowMuch() {
        // When
        JsonNode e = Http.get(server, "/api/conflicts/" + C + "/explain?asOf=2024-06-14").json();

        // Then
        assertThat(e.path("asOf").asText()).isEqualTo("2024-06-14");
        assertThat(e.path("events").get(0).path("eventId").asText()).isEqualTo("ns-006-ratchet-provinces");
        assertThat(e.path("deltaByComponent").path("demandGap").asDouble()).isEqualTo(0.15);
        assertThat(e.path("deltaByComponent").path("wayOut").asDouble()).isEqualTo(-0.10);
        assertThat(e.path("drivers").findValuesAsText("note")).contains("test weight for wayOut");
        assertThat(e.path("demandGaps").get(0).path("actorA").asText()).isEqualTo("NORTH");
    }

    @Test
    void shouldDescribeEachEventAnExplanationNamesWithoutItsOrigin() {
        // When
        JsonNode e = Http.get(server, "/api/conflicts/" + C + "/explain?asOf=2024-06-14").json();

        // Then: the event's date, actor (code and name), type, description, sources and confidence; the synthetic entries have none
        JsonNode event = e.path("eventDetails").path("ns-006-ratchet-provinces");
        assertThat(event.path("date").asText()).isEqualTo("2024-06-14");
        assertThat(event.path("actor").asText()).isEqualTo("NORTH");
        assertThat(event.path("actorName").asText()).isEqualTo("Northland");
        assertThat(event.path("type").asText()).isEqualTo("DEMAND_STATED");
        assertThat(event.path("description").asText()).isEqualTo("Test event ratchet provinces");
        assertThat(event.path("sources").get(0).asText()).isEqualTo("https://news.example.org/ns-006-ratchet-provinces");
        assertThat(event.path("confidence").asDouble()).isEqualTo(0.9);
        assertThat(event.has("origin")).as("the server's file names stay on the server").isFalse();
        assertThat(e.path("eventDetails").fieldNames()).toIterable().containsExactly("ns-006-ratchet-provinces");
    }

    @Test
    void shouldAnswerTheEventsAskedForByIdAndNameTheMissingOnes() {
        // When
        JsonNode r = Http.get(server, "/api/conflicts/" + C + "/events?ids=ns-001-offensive-east,ns-404,ns-002-demand-annex").json();

        // Then
        assertThat(r.path("events").fieldNames()).toIterable().containsExactly("ns-001-offensive-east", "ns-002-demand-annex");
        assertThat(r.path("events").path("ns-002-demand-annex").path("frontLabel").asText()).isEqualTo("Southern front");
        assertThat(r.path("missing")).hasSize(1);
        assertThat(r.path("missing").get(0).asText()).isEqualTo("ns-404");
    }

    @Test
    void shouldRefuseAnEventsRequestWithEmptyIdsOrWithTooMany() {
        String many = java.util.stream.IntStream.range(0, 201).mapToObj(i -> "e-" + i).collect(java.util.stream.Collectors.joining(","));

        assertThat(Http.get(server, "/api/conflicts/" + C + "/events?ids=").status()).isEqualTo(400);
        Http.Answer tooMany = Http.get(server, "/api/conflicts/" + C + "/events?ids=" + many);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("error").asText()).contains("201 events, more than 200");
    }

    @Test
    void shouldListThePeriodsEventsWithWhereTheyHappenedPageByPage() {
        // Given the series' events from June 2024 on: 7, of which those without a place are counted, not dropped
        List<dev.ripeness.schema.Event> expected = TestSeries.events().stream().filter(e -> e.getDate().compareTo("2024-06-01") >= 0)
                .sorted(java.util.Comparator.comparing(e -> e.getDate())).toList();
        long placed = expected.stream().filter(e -> e.getLocation() != null).count();

        // When the period is asked for in pages of 4
        JsonNode first = Http.get(server, "/api/conflicts/" + C + "/events?from=2024-06-01&limit=4").json();
        JsonNode second = Http.get(server, "/api/conflicts/" + C + "/events?from=2024-06-01&limit=4&after="
                + java.net.URLEncoder.encode(first.path("next").asText(), java.nio.charset.StandardCharsets.UTF_8)).json();

        // Then: date order, each with actor, side, type, casualties and location (or null), and the next page's cursor
        List<String> ids = new java.util.ArrayList<>();
        first.path("events").forEach(e -> ids.add(e.path("eventId").asText()));
        second.path("events").forEach(e -> ids.add(e.path("eventId").asText()));
        assertThat(ids).containsExactlyElementsOf(expected.stream().map(e -> e.getEventId()).toList());
        assertThat(first.path("next").asText()).isEqualTo(expected.get(3).getDate() + "|" + expected.get(3).getEventId());
        assertThat(second.path("next").isNull()).isTrue();
        assertThat(first.path("placed").asLong() + second.path("placed").asLong()).isEqualTo(placed);
        assertThat(first.path("unplaced").asLong() + second.path("unplaced").asLong()).isEqualTo(expected.size() - placed);
        assertThat(expected.get(0).getLocation()).as("the first is one without a place").isNull();
        assertThat(first.path("events").get(0).path("location").isNull()).isTrue();
        JsonNode siege = first.path("events").get(1);
        dev.ripeness.schema.Event e = expected.get(1);
        assertThat(siege.path("eventId").asText()).isEqualTo(e.getEventId());
        assertThat(siege.path("actorName").asText()).isEqualTo("Northland");
        assertThat(siege.path("side").asText()).isEqualTo("NORTH");
        assertThat(siege.path("type").asText()).isEqualTo(e.getType());
        assertThat(siege.path("location").path("latitude").asDouble()).isEqualTo(e.getLocation().getLatitude());
        assertThat(siege.path("location").path("longitude").asDouble()).isEqualTo(e.getLocation().getLongitude());
        assertThat(siege.path("location").path("place").asText()).isEqualTo(e.getLocation().getPlace());
    }

    @Test
    void shouldRefuseAPeriodListingWithABadLimitCursorOrBounds() {
        Http.Answer limit = Http.get(server, "/api/conflicts/" + C + "/events?limit=5001");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.json().path("error").asText()).contains("`5001` must be a whole number from 1 to 5000");
        Http.Answer cursor = Http.get(server, "/api/conflicts/" + C + "/events?after=yesterday");
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.json().path("error").asText()).contains("pass the `next` of the previous page");
        assertThat(Http.get(server, "/api/conflicts/" + C + "/events?from=2025-01-01&to=2024-01-01").status()).isEqualTo(400);
        assertThat(Http.get(server, "/api/conflicts/" + C + "/events?from=2024-01-01&ids=x").status()).isEqualTo(400);
    }

    @Test
    void shouldRetryAndAnswerWhenStateIsUnavailableBriefly() {
        // Given: a rebalance that ends after two failed reads
        state.unavailableFor(2);

        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/ripeness");

        // Then
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenStateStaysUnavailable() {
        // Given: a rebalance that outlasts the server's patience
        state.unavailableFor(1_000);

        // When
        Http.Answer answer = Http.get(server, "/api/conflicts/" + C + "/ripeness");

        // Then
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("7");
        assertThat(answer.json().path("error").asText()).contains("rebalance", "retry in 7 s");
    }

    @Test
    void shouldAnswer500WithoutStackTraceWhenAQueryFailsUnexpectedly() {
        // Given
        StateQueries broken = new ThrowingQueries();
        try (ApiServer other = ApiServer.builder(broken, TestSeries.catalog()).port(0).start()) {
            // When
            Http.Answer answer = Http.get(other, "/api/conflicts/" + C + "/ripeness");

            // Then
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.body()).contains("error id").doesNotContain("IllegalStateException", "at dev.", "secret detail");
        }
    }

    @Test
    void shouldAnswer200WithPerRecordResultsWhenEveryEventIsAccepted() {
        // When: JSON lines, one a duplicate of an already fed id
        feed.seen.add("e-0");
        Http.Answer answer = Http.post(server, "/api/events",
                "{\"eventId\":\"e-1\",\"date\":\"2025-03-05\"}\n{\"eventId\":\"e-0\",\"date\":\"2025-03-05\"}\n");

        // Then
        assertThat(answer.status()).isEqualTo(200);
        JsonNode r = answer.json();
        assertThat(r.path("accepted").asInt()).isEqualTo(1);
        assertThat(r.path("duplicates").asInt()).isEqualTo(1);
        assertThat(r.path("results").findValuesAsText("status")).containsExactly("ACCEPTED", "DUPLICATE");
        assertThat(feed.origins.get(0)).startsWith("POST /api/events from ");
    }

    @Test
    void shouldAnswer207WithTheReasonsWhenSomeEventsAreRejected() {
        // When
        Http.Answer answer = Http.post(server, "/api/events", "[{\"eventId\":\"e-2\",\"date\":\"2025-03-05\"},{\"eventId\":\"e-3\"}]");

        // Then
        assertThat(answer.status()).isEqualTo(207);
        JsonNode rejected = answer.json().path("results").get(1);
        assertThat(rejected.path("index").asInt()).isEqualTo(2);
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("reason").asText()).contains("`date`");
    }

    @Test
    void shouldAnswer422WhenEveryEventIsRejected() {
        assertThat(Http.post(server, "/api/events", "[{\"eventId\":\"e-4\"}]").status()).isEqualTo(422);
    }

    @Test
    void shouldAnswer413NamingTheLimitWhenBodyIsTooLarge() {
        // When: more than the 4096-byte limit of this test server
        String big = "{\"eventId\":\"e-5\",\"date\":\"2025-03-05\",\"description\":\"" + "x".repeat(5000) + "\"}";
        Http.Answer answer = Http.post(server, "/api/events", big);

        // Then
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("error").asText()).contains("4096 bytes", "split");
        assertThat(feed.origins).isEmpty();
    }

    @Test
    void shouldAnswer400WhenBodyIsEmptyOrNotJson() {
        assertThat(Http.post(server, "/api/events", "  ").json().path("error").asText()).contains("empty");
        Http.Answer notJson = Http.post(server, "/api/events", "[{oops");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("error").asText()).contains("cannot be read as events");
    }

    @Test
    void shouldAnswer405WithAllowWhenMethodIsWrong() {
        // When
        Http.Answer answer = Http.get(server, "/api/events");

        // Then
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("POST");
    }

    @Test
    void shouldAnswer404ListingEndpointsWhenPathIsUnknown() {
        Http.Answer answer = Http.get(server, "/api/conflict");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).contains("GET /api/conflicts", "docs/api.md",
                "GET /api/conflicts/{id}/ripeness", "GET /api/conflicts/{id}/timeline", "GET /api/conflicts/{id}/fronts",
                "GET /api/conflicts/{id}/explain", "GET /api/conflicts/{id}/events", "GET /api/conflicts/{id}/actors/{actor}",
                "GET /api/runs", "POST /api/events", "GET /api/stream", "GET /health", "GET /ready", "GET /metrics");
    }

    @Test
    void shouldFindTheRouteWithATrailingSlashAndThePageByItsName() {
        assertThat(Http.get(server, "/api/conflicts/").status()).isEqualTo(200);
        assertThat(Http.get(server, "/api/conflicts/" + C + "/ripeness/").status()).isEqualTo(200);
        assertThat(Http.get(server, "/index.html").body()).contains("<title>Ripeness");
    }

    @Test
    void shouldReportUpWhenHealthIsAskedAndReadyWhenTheStateCanBeRead() {
        JsonNode h = Http.get(server, "/health").json();
        assertThat(h.path("status").asText()).isEqualTo("UP");
        assertThat(Http.get(server, "/ready").json().path("status").asText()).isEqualTo("READY");
    }

    @Test
    void shouldStayLiveButNotReadyWhileTheStateCannotBeRead() {
        // Given
        state.unavailableFor(1_000);

        // Then
        assertThat(Http.get(server, "/health").status()).isEqualTo(200);
        Http.Answer ready = Http.get(server, "/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().path("error").asText()).contains("state cannot be read");
    }

    @Test
    void shouldServeTheDashboardFromTheJarAtRoot() {
        Http.Answer page = Http.get(server, "/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<title>Ripeness");
        assertThat(Http.get(server, "/web/app.js").header("Content-Type")).startsWith("text/javascript");
        // an encoded slash is ambiguous: the server refuses it before any route sees it
        assertThat(Http.get(server, "/web/..%2Fpackage-info.class").status()).isEqualTo(400);
        assertThat(Http.get(server, "/web/package-info.class").status()).isEqualTo(404);
    }

    /** State queries whose every read fails with an unexpected exception carrying a detail clients must not see. */
    private static final class ThrowingQueries implements StateQueries {
        @Override
        public List<String> conflicts() {
            return new ArrayList<>(List.of(C));
        }

        @Override
        public Optional<RipenessAssessment> ripeness(String conflict, LocalDate asOf) {
            throw new IllegalStateException("secret detail");
        }

        @Override
        public List<RipenessAssessment> timeline(String conflict, LocalDate from, LocalDate to) {
            throw new IllegalStateException("secret detail");
        }

        @Override
        public Optional<ActorDemandState> actor(String conflict, String actor, LocalDate asOf) {
            throw new IllegalStateException("secret detail");
        }

        @Override
        public List<FrontIndicators> fronts(String conflict, LocalDate asOf) {
            throw new IllegalStateException("secret detail");
        }

        @Override
        public List<DemandGap> demandGaps(String conflict, LocalDate asOf) {
            throw new IllegalStateException("secret detail");
        }
    }
}
