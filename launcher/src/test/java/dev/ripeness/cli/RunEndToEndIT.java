package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripeness.api.web.Chromium;
import dev.ripeness.api.web.DashboardPage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The first command of the README as a user runs it: `ripeness run` with the bundled history,
 * an event fed over HTTP changing the state, the dashboard in a real browser following live,
 * and a restart that finds the log intact without loading the history twice.
 */
@Tag("integration")
class RunEndToEndIT {

    private static final String CONFLICT = "russia-ukraine";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void shouldServeTheBundledHistoryFollowNewEventsLiveAndKeepTheLogAcrossARestart() throws Exception {
        int httpPort = RipenessProcess.freePort();
        String api = "http://localhost:" + httpPort;
        String[] args = {"run", "--data-dir", dataDir.toString(),
                "--kafka-port", String.valueOf(RipenessProcess.freePort()), "--http-port", String.valueOf(httpPort)};
        long historyEvents = bundledHistoryLines();

        try (RipenessProcess run = RipenessProcess.start(args)) {
            run.awaitLine("Ready", Duration.ofMinutes(2));

            // Given the bundled history, processed and folded before "Ready" is printed: the README's
            // next commands read it at once, without waiting
            assertThat(get(api + "/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> first = get(api + "/api/conflicts/" + CONFLICT + "/ripeness");
            assertThat(first.statusCode()).isEqualTo(200);
            JsonNode history = JSON.readTree(first.body());
            assertThat(history.path("eventCount").asLong()).isEqualTo(historyEvents);
            assertThat(history.path("asOf").asText()).startsWith("2025-");

            // And a write token made on first start, readable by its owner only, without which nothing is written
            Path tokenFile = dataDir.resolve("api-token");
            assertThat(java.nio.file.Files.getPosixFilePermissions(tokenFile))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            String token = java.nio.file.Files.readString(tokenFile).strip();
            assertThat(run.stdout()).anyMatch(l -> l.startsWith("API token: " + token));
            assertThat(post(api, null, event("e2e-unauthorised", "2025-12-01")).statusCode()).isEqualTo(401);

            // When an event arrives over HTTP, Then the state follows it
            assertThat(post(api, token, event("e2e-talks-1", "2025-12-02")).statusCode()).isEqualTo(200);
            JsonNode after = awaitRipeness(api, r -> "2025-12-02".equals(r.path("asOf").asText()));
            assertThat(after.path("eventCount").asLong()).isEqualTo(historyEvents + 1);

            // And the log decides what a re-post is: the same event is a duplicate, the same id with other
            // content a conflict, and a 10,000-level array one rejected record beside a good one (not a 500)
            HttpResponse<String> again = post(api, token, event("e2e-talks-1", "2025-12-02"));
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(again.body()).path("duplicates").asInt()).isEqualTo(1);
            HttpResponse<String> changed = post(api, token, event("e2e-talks-1", "2025-12-03"));
            assertThat(changed.statusCode()).isEqualTo(422);
            assertThat(changed.body()).contains("e2e-talks-1", "corrects");
            HttpResponse<String> nested = post(api, token, "[" + "[".repeat(10_000) + "]".repeat(10_000) + ","
                    + event("e2e-nested-neighbour", "2025-11-30") + "]");
            assertThat(nested.statusCode()).isEqualTo(207);

            // And the dashboard draws the whole series and explains the 2022-04-15 draft rewrite
            ChromeDriver browser = Chromium.start(1366, 2700);
            try {
                DashboardPage page = new DashboardPage(browser).open(api + "/", CONFLICT).awaitLive();
                assertThat(page.ripenessPoints()).hasSizeGreaterThan(50);
                assertThat(page.ladderDemandPaths("territory")).containsKeys("RUS", "UKR");
                assertThat(page.explainEvent("2022-04-15")).contains("ru-ua-2022-04-15-draft-rewrite", "Putin rewrote the draft");

                // And an event posted while the page is open shows up on it without a reload
                page.markDocument();
                assertThat(post(api, token, event("e2e-talks-2", "2025-12-09")).statusCode()).isEqualTo(200);
                await("posted event shown live on the open page").atMost(Duration.ofSeconds(30))
                        .until(() -> "2025-12-09".equals(page.summaryAsOf()));
                assertThat(page.documentStillMarked()).as("updated without reloading").isTrue();
                page.screenshot(Path.of("target", "dashboard-e2e.png"), false);

                // And on a phone-sized viewport the real history's long labels and sources fit without horizontal scrolling
                browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 390, "height", 844,
                        "deviceScaleFactor", 1, "mobile", true));
                DashboardPage phone = new DashboardPage(browser).open(api + "/", CONFLICT);
                phone.explainEvent("2022-04-15");
                long[] widths = phone.layoutAndWindowWidth();
                // A mobile viewport widens itself to fit content that overflows, so both widths must stay 390
                assertThat(widths).as("document and viewport width on a 390 px phone; too wide: %s", phone.elementsWiderThan(390))
                        .containsExactly(390, 390);
                phone.screenshot(Path.of("target", "dashboard-e2e-phone.png"), false);
            } finally {
                browser.quit();
            }
            assertThat(run.stop()).as("exit code after SIGTERM").isZero();
        }

        // When it starts again on the same data dir
        try (RipenessProcess again = RipenessProcess.start(args)) {
            again.awaitLine("Ready", Duration.ofMinutes(2));
            // Then the log is intact and the history was not loaded a second time
            JsonNode restarted = awaitRipeness(api, r -> "2025-12-09".equals(r.path("asOf").asText()));
            assertThat(restarted.path("eventCount").asLong()).isEqualTo(historyEvents + 3);
            assertThat(again.stop()).isZero();
        }
    }

    private static String event(String id, String date) {
        return "{\"eventId\":\"" + id + "\",\"date\":\"" + date + "\",\"conflict\":\"" + CONFLICT + "\","
                + "\"actor\":\"USA\",\"type\":\"NEGOTIATION_ROUND\",\"sources\":[\"end-to-end test\"],"
                + "\"confidence\":1.0,\"description\":\"Test event fed by RunEndToEndIT.\"}";
    }

    private static HttpResponse<String> post(String api, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + "/api/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode awaitRipeness(String api, java.util.function.Predicate<JsonNode> condition) {
        return await("ripeness of " + CONFLICT + " as expected").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                            URI.create(api + "/api/conflicts/" + CONFLICT + "/ripeness")).build(), HttpResponse.BodyHandlers.ofString());
                    return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
                }, r -> r != null && condition.test(r));
    }

    private static long bundledHistoryLines() throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                RunEndToEndIT.class.getClassLoader().getResourceAsStream("history/" + CONFLICT + ".jsonl"), StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank()).count();
        }
    }
}
