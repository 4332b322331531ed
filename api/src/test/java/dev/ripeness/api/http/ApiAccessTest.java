package dev.ripeness.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.producers.feed.EventFeed;
import dev.ripeness.producers.feed.FeedException;
import dev.ripeness.producers.feed.FeedReport;
import dev.ripeness.producers.feed.Utf8Body;
import java.net.http.HttpRequest;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Who may write and read, what a POST may carry, cross-origin requests and the dashboard's security headers. */
@Execution(ExecutionMode.CONCURRENT) // each test starts its own server with its own settings and feed, so the tests run side by side
class ApiAccessTest {

    private static final String C = TestSeries.CONFLICT;
    private static final String EVENT = "[{\"eventId\":\"a-1\",\"date\":\"2025-03-01\"}]";

    private final FakeEventFeed feed = new FakeEventFeed();
    private ApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ApiServer start(ApiServer.Builder builder) {
        server = builder.port(0).feed(feed).start();
        return server;
    }

    private static ApiServer.Builder builder() {
        return ApiServer.builder(FakeStateQueries.withTestSeries(), TestSeries.catalog());
    }

    @Test
    void shouldListenOnLoopbackOnlyWhenNoAddressIsGiven() {
        // When
        start(builder());

        // Then
        assertThat(server.url()).startsWith("http://127.0.0.1:");
    }

    @Test
    void shouldRefusePostWith401AndFeedNothingWhenNoTokenIsSent() {
        // Given
        start(builder().writeToken("s3cret-token"));

        // When
        Http.Answer answer = Http.post(server, "/api/events", "application/json", null, EVENT);

        // Then
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(answer.json().path("error").asText()).contains("Authorization: Bearer", "api-token");
        assertThat(feed.seen).isEmpty();
    }

    @Test
    void shouldRefusePostWith403WhenTheTokenIsWrongAndAcceptItWithTheRightOne() {
        // Given
        start(builder().writeToken("s3cret-token"));

        // When / Then
        assertThat(Http.post(server, "/api/events", "application/json", "guess", EVENT).status()).isEqualTo(403);
        assertThat(feed.seen).isEmpty();
        assertThat(Http.post(server, "/api/events", "application/json", "s3cret-token", EVENT).status()).isEqualTo(200);
        assertThat(feed.seen).containsExactly("a-1");
    }

    @Test
    void shouldMakeAWriteTokenWhenNoneIsGiven() {
        // When
        start(builder());

        // Then
        assertThat(server.writeToken()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(Http.post(server, "/api/events", "application/json", null, EVENT).status()).isEqualTo(401);
        assertThat(Http.post(server, "/api/events", EVENT).status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseBodiesAPageCouldSendWithoutPreflightWith415() {
        // Given: even with the right token, the content types of a cross-site form or text POST
        start(builder());

        // When / Then
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null}) {
            Http.Answer answer = Http.post(server, "/api/events", type, server.writeToken(), EVENT);
            assertThat(answer.status()).as(String.valueOf(type)).isEqualTo(415);
            assertThat(answer.json().path("error").asText()).contains("application/json", "text/csv");
        }
        assertThat(feed.seen).isEmpty();
    }

    @Test
    void shouldAcceptJsonLinesAndCsvBodies() {
        // Given
        start(builder());

        // When
        Http.Answer lines = Http.post(server, "/api/events", "application/x-ndjson; charset=utf-8", server.writeToken(),
                "{\"eventId\":\"l-1\",\"date\":\"2025-03-01\"}\n{\"eventId\":\"l-2\",\"date\":\"2025-03-02\"}\n");
        Http.Answer csv = Http.post(server, "/api/events", "text/csv", server.writeToken(), "eventId,date\nc-1,2025-03-03\n");

        // Then
        assertThat(lines.status()).isEqualTo(200);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(feed.seen).containsExactlyInAnyOrder("l-1", "l-2", "c-1");
    }

    @Test
    void shouldAnswer503WithRetryAfterAndTheReasonWhenTheFeedCannotReachTheLog() {
        // Given a feed whose log cannot be read to its end (as while the broker ends a killed run's transaction)
        server = builder().port(0).feed(failing(new FeedException("could not read the event log ripeness.events to its end "
                + "within 30 s; nothing was written: retry", null))).start();

        // When
        Http.Answer answer = Http.post(server, "/api/events", "application/json", server.writeToken(), EVENT);

        // Then the client is told to come back, and why: not a 500, not its records' fault
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.json().path("error").asText()).contains("could not read the event log", "retry");
    }

    @Test
    void shouldAnswer500WithTheReasonAndNoRetryAfterWhenTheFeedFailsForGood() {
        // Given a feed whose producer was fenced (another process took its transactional id): retrying will not help
        server = builder().port(0).feed(failing(new FeedException("could not write the batch ending at record 1 to Kafka",
                new ProducerFencedException("fenced by a newer producer")))).start();

        // When
        Http.Answer answer = Http.post(server, "/api/events", "application/json", server.writeToken(), EVENT);

        // Then
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.header("Retry-After")).isNull();
        assertThat(answer.json().path("error").asText()).contains("could not write the batch");
    }

    /** A feed that fails every body with {@code failure}. */
    private static EventFeed failing(FeedException failure) {
        return new EventFeed() {
            @Override
            public FeedReport feedJson(Utf8Body body, String origin) {
                throw failure;
            }

            @Override
            public FeedReport feedCsv(Utf8Body body, String origin) {
                throw failure;
            }
        };
    }

    @Test
    void shouldLeaveReadsOpenWithoutAReadToken() {
        // When
        start(builder());

        // Then
        assertThat(Http.get(server, "/api/conflicts/" + C + "/ripeness").status()).isEqualTo(200);
        assertThat(Http.get(server, "/metrics").status()).isEqualTo(200);
    }

    @Test
    void shouldRequireTheReadTokenForApiAndMetricsButNotForHealthOrDashboardWhenOneIsSet() {
        // Given
        start(builder().writeToken("w-token").readToken("r-token"));

        // When / Then: refused without, or with a wrong one
        assertThat(Http.get(server, "/api/conflicts").status()).isEqualTo(401);
        assertThat(Http.get(server, "/metrics").status()).isEqualTo(401);
        assertThat(Http.send(HttpRequest.newBuilder(Http.uri(server, "/api/conflicts")).header("Authorization", "Bearer nope")).status())
                .isEqualTo(403);
        // answered with the read token, the write token, or ?access_token= (EventSource cannot set headers)
        assertThat(Http.send(HttpRequest.newBuilder(Http.uri(server, "/api/conflicts")).header("Authorization", "Bearer r-token")).status())
                .isEqualTo(200);
        assertThat(Http.send(HttpRequest.newBuilder(Http.uri(server, "/api/conflicts")).header("Authorization", "Bearer w-token")).status())
                .isEqualTo(200);
        assertThat(Http.get(server, "/api/conflicts/" + C + "/ripeness?asOf=2024-06-20&access_token=r-token").status()).isEqualTo(200);
        // and open where a probe or a browser needs nothing
        assertThat(Http.get(server, "/health").status()).isEqualTo(200);
        assertThat(Http.get(server, "/").status()).isEqualTo(200);
        assertThat(Http.get(server, "/web/app.js").status()).isEqualTo(200);
        // the read token does not write
        assertThat(Http.post(server, "/api/events", "application/json", "r-token", EVENT).status()).isEqualTo(403);
    }

    @Test
    void shouldSendNoCorsHeadersAndRefusePreflightWhenNoOriginIsAllowed() {
        // Given
        start(builder());

        // When
        Http.Answer read = Http.send(HttpRequest.newBuilder(Http.uri(server, "/api/conflicts")).header("Origin", "https://evil.example"));
        Http.Answer preflight = Http.send(HttpRequest.newBuilder(Http.uri(server, "/api/events"))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        // Then
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.status()).isEqualTo(405);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void shouldAllowCrossOriginRequestsFromTheOneOriginGiven() {
        // Given
        start(builder().corsOrigin("https://analysis.example"));

        // When
        Http.Answer preflight = Http.send(HttpRequest.newBuilder(Http.uri(server, "/api/events"))
                .header("Origin", "https://analysis.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        Http.Answer other = Http.send(HttpRequest.newBuilder(Http.uri(server, "/api/conflicts")).header("Origin", "https://evil.example"));

        // Then
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://analysis.example");
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization");
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void shouldServeTheDashboardWithContentSecurityPolicyNoFramingAndNoSniffing() {
        // When
        Http.Answer page = Http.get(start(builder()), "/");

        // Then
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
