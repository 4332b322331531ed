package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripeness.api.web.Chromium;
import dev.ripeness.api.web.DashboardPage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Where events happened, as a user gets there: `ripeness run --empty`, then `ripeness produce` of real ACLED
 * and UCDP GED rows (the producers' fixtures, provenance in their PROVENANCE.md), through the real broker and
 * pipeline to the events listing and the dashboard's map in a real Chromium.
 */
@Tag("integration")
class MapOfImportedEventsIT {

    private static final String CONFLICT = "russia-ukraine";
    private static final Path ACLED_UKRAINE = Path.of("../producers/src/test/resources/importers/acled/acled-ukraine-2022-2024.csv");
    private static final Path UCDP_RUSSIA_UKRAINE = Path.of("../producers/src/test/resources/importers/ucdp/GEDEvent_v26_01_26_06-russia-ukraine.csv");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void shouldMapTheImportedAcledAndUcdpEventsWhereTheirRowsPlaceThem() throws Exception {
        int httpPort = RipenessProcess.freePort();
        String api = "http://localhost:" + httpPort;
        try (RipenessProcess run = RipenessProcess.start("run", "--empty", "--data-dir", dataDir.toString(),
                "--kafka-port", String.valueOf(RipenessProcess.freePort()), "--http-port", String.valueOf(httpPort))) {
            run.awaitLine("Ready", Duration.ofMinutes(2));
            String bootstrap = run.awaitLine("Kafka:", Duration.ofSeconds(5)).replaceFirst("^Kafka:\\s+(\\S+).*$", "$1");

            // Given the real rows fed as a user feeds them
            long acled = produce(bootstrap, ACLED_UKRAINE);
            long ucdp = produce(bootstrap, UCDP_RUSSIA_UKRAINE);
            assertThat(ucdp).as("every UCDP row is of the conflict").isEqualTo(44);
            assertThat(acled).as("ACLED rows of the two sides' forces").isPositive();

            // When the pipeline has processed them, Then the period listing holds them all, each placed
            List<JsonNode> events = await("the pipeline holds the " + (acled + ucdp) + " imported events").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> listing(api, ""), list -> list.size() == acled + ucdp);
            assertThat(events).allSatisfy(e -> assertThat(e.path("location").isObject()).as(e.path("eventId").asText()).isTrue());
            JsonNode strike = byId(events, "acled:UKR148710@1708472500");
            assertThat(strike.path("location").path("latitude").asDouble()).isEqualTo(48.68925);
            assertThat(strike.path("location").path("longitude").asDouble()).isEqualTo(35.22276);
            assertThat(strike.path("location").path("place").asText()).isEqualTo("Katerynivka, Kharkiv");
            assertThat(strike.path("side").asText()).isEqualTo("RUS");
            JsonNode riznykivka = byId(events, "ucdp:624545");
            assertThat(riznykivka.path("location").path("place").asText()).isEqualTo("Riznykivka village");
            assertThat(riznykivka.path("casualties").asLong()).isEqualTo(32);

            ChromeDriver browser = Chromium.start(1366, 2700);
            try {
                // And the dashboard maps every one of them
                DashboardPage page = new DashboardPage(browser).open(api + "/", CONFLICT).awaitMap();
                assertThat(page.mapEventIds()).hasSize((int) (acled + ucdp));
                assertThat(page.mapStatus()).contains((acled + ucdp) + " placed on the map, 0 without a location");
                assertThat(page.script("return document.querySelector(\"#chart-map circle[data-event='ucdp:624545'] title\").textContent;"))
                        .asString().contains("2026-03-31", "armed clash at Riznykivka village (near)", "32 casualties");
                assertThat(page.script("return document.querySelector(\"#chart-map path[data-country='Ukraine']\") !== null;")).isEqualTo(true);
                page.scrollToMap().screenshot(Path.of("target", "dashboard-map-acled-ucdp.png"), false);

                // And a shared URL narrows the map, the series and the timeline to the UCDP days, Russia's side
                List<JsonNode> ucdpDays = listing(api, "&from=2026-03-31&to=2026-04-04");
                assertThat(ucdpDays).extracting(e -> e.path("eventId").asText()).allMatch(id -> id.startsWith("ucdp:"));
                assertThat(listing(api, "&from=2026-03-31&to=2026-04-04", "2022-01-01|earlier"))
                        .as("a cursor from before the period still starts at `from`").hasSameSizeAs(ucdpDays);
                long russian = ucdpDays.stream().filter(e -> e.path("side").asText().equals("RUS")).count();
                DashboardPage shared = new DashboardPage(browser).openUrl(api + "/?conflict=" + CONFLICT
                        + "&side=RUS&from=2026-03-31&to=2026-04-04").awaitMap();
                assertThat(shared.mapEventIds()).hasSize((int) russian).allMatch(id -> id.startsWith("ucdp:"));
                long sum = ucdpDays.stream().filter(e -> e.path("side").asText().equals("RUS") && e.hasNonNull("casualties"))
                        .mapToLong(e -> e.path("casualties").asLong()).sum();
                assertThat(shared.casualtyBars().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(sum);
                assertThat(shared.query()).contains("side=RUS", "from=2026-03-31", "to=2026-04-04");

                // And on a phone the map fits the screen
                browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                        "deviceScaleFactor", 1, "mobile", true));
                DashboardPage phone = new DashboardPage(browser).open(api + "/", CONFLICT).awaitMap();
                assertThat(phone.mapEventIds()).hasSize((int) (acled + ucdp));
                assertThat(phone.layoutAndWindowWidth()).as("too wide: %s", phone.elementsWiderThan(390)).containsExactly(390, 390);
                phone.scrollToMap().screenshot(Path.of("target", "dashboard-map-phone.png"), false);
            } finally {
                browser.quit();
            }
            assertThat(run.stop()).isZero();
        }
    }

    /** `ripeness produce FILE --conflict russia-ukraine` in this JVM; the number it accepted. */
    private static long produce(String bootstrap, Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Ripeness.commandLine().execute("produce", "--bootstrap-servers=" + bootstrap, "--conflict", CONFLICT, file.toString());
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        Matcher m = Pattern.compile("(?m)^accepted (\\d+), duplicates 0, filtered \\d+, rejected 0$").matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Every event of the conflict's listing (all pages), with {@code bounds} such as {@code &from=…&to=…}. */
    private static List<JsonNode> listing(String api, String bounds) throws Exception {
        return listing(api, bounds, null);
    }

    /** The listing from the cursor {@code after} on (null: from the first event). */
    private static List<JsonNode> listing(String api, String bounds, String after) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        do {
            String url = api + "/api/conflicts/" + CONFLICT + "/events?limit=100" + bounds
                    + (after == null ? "" : "&after=" + java.net.URLEncoder.encode(after, StandardCharsets.UTF_8));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(r.body());
            page.path("events").forEach(out::add);
            after = page.path("next").isNull() ? null : page.path("next").asText();
        } while (after != null);
        return out;
    }

    private static JsonNode byId(List<JsonNode> events, String id) {
        return events.stream().filter(e -> e.path("eventId").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in the listing"));
    }
}
