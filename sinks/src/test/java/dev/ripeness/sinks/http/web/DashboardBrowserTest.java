package dev.ripeness.sinks.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.sinks.http.ApiServer;
import dev.ripeness.sinks.http.FakeComparisonRuns;
import dev.ripeness.sinks.http.FakeStateQueries;
import dev.ripeness.sinks.http.TestSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The dashboard in headless Chromium against an API backed by the fake state series. */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    private static final String RUN = "1a2b3c4d";

    private FakeStateQueries state;
    private FakeComparisonRuns runs;
    private ApiServer server;
    private ChromeDriver browser;
    private DashboardPage page;

    @BeforeAll
    void start() {
        if (!Chromium.available()) {
            throw new IllegalStateException("headless Chromium is missing: install the Debian packages chromium and chromium-driver (.ci/run does)");
        }
        state = FakeStateQueries.withTestSeries();
        runs = new FakeComparisonRuns().withRun(RUN, state.assessments(), 0.5);
        server = ApiServer.builder(state, TestSeries.catalog()).port(0).changes(state.changes()).comparisonRuns(runs).start();
        browser = Chromium.start(1366, 2700);
        page = new DashboardPage(browser);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldDrawEveryChartWithDataWhenOpened() throws Exception {
        // When
        page.open(server.url(), TestSeries.CONFLICT);

        // Then: one point per assessment on both timelines, every component's line, a step line per belligerent and ladder
        int dates = state.assessments().size();
        assertThat(page.ripenessPoints()).hasSize(dates);
        assertThat(page.eventDates()).hasSize(dates).isSorted();
        for (String series : List.of("ripeness", "mhs", "wayOut", "demandGap", "catastrophe", "opportunity")) {
            assertThat(page.ripenessSeriesPath(series)).as(series).isNotNull().contains("L");
        }
        assertThat(page.ladderDemandPaths("territory")).containsOnlyKeys("NORTH", "SOUTH");
        assertThat(page.ladderDemandPaths("territory").get("NORTH")).as("NORTH's territorial demand climbs in steps").contains("H", "V");
        assertThat(page.ladderDemandPaths("alignment")).containsOnlyKeys("NORTH", "SOUTH");
        assertThat(page.momentumLines()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(page.frontRows()).hasSize(4);
        assertThat(page.summaryAsOf()).isEqualTo(state.assessments().get(dates - 1).getAsOf());
        // The model's interval: a shaded band with two corners per assessment, and low – high in the summary
        assertThat(page.ripenessIntervalBand()).isNotNull().satisfies(points ->
                assertThat(points.trim().split("\\s+")).hasSize(2 * dates));
        RipenessAssessment last = state.assessments().get(dates - 1);
        assertThat(page.summaryInterval()).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f – %.2f",
                last.getRipenessLow(), last.getRipenessHigh()));
        Path shot = page.screenshot(Path.of("target", "dashboard.png"), false);
        page.screenshot(Path.of("target", "dashboard-print.png"), true);
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    @Test
    void shouldShowTheEventsThatMovedEachComponentWhenAnEventPointIsClicked() {
        // Given
        page.open(server.url(), TestSeries.CONFLICT);

        // When
        String explanation = page.explainEvent("2024-06-14");

        // Then
        assertThat(explanation).contains("ns-006-ratchet-provinces", "Demand gap", "+0.150", "Way out", "-0.100");
        assertThat(page.explanationRows()).hasSize(2);
    }

    @Test
    void shouldShowTheStateOfThePickedDateWhenAsOfIsChosen() {
        // Given
        page.open(server.url(), TestSeries.CONFLICT);

        // When: a day between two events
        page.pickAsOf("2024-06-20");

        // Then: the summary shows the last event day before it, and its explanation
        await("summary as of 2024-06-14").atMost(Duration.ofSeconds(10)).until(() -> "2024-06-14".equals(page.summaryAsOf()));
        await("explanation of 2024-06-14").atMost(Duration.ofSeconds(10)).until(() -> "2024-06-14".equals(page.explainedDate()));
        assertThat(page.frontRows()).hasSize(4);
    }

    @Test
    void shouldShowAStateChangeOnTheOpenPageWithinSecondsWhenItIsPushed() {
        // Given: the page is open and live
        page.open(server.url(), TestSeries.CONFLICT).awaitLive();
        page.markDocument();
        List<RipenessAssessment> series = state.assessments();
        RipenessAssessment last = series.get(series.size() - 1);
        String date = java.time.LocalDate.parse(last.getAsOf()).plusDays(10).toString();

        // When: the pipeline publishes a new assessment
        state.append(TestSeries.next(last, date, "ns-live-" + date, 0.81));

        // Then: drawn and summarised without a reload
        await("pushed point drawn").atMost(Duration.ofSeconds(5)).until(() -> page.eventDates().contains(date));
        await("summary moved to the pushed date").atMost(Duration.ofSeconds(5)).until(() -> date.equals(page.summaryAsOf()));
        assertThat(page.ripenessFigure()).isEqualTo("0.81");
        assertThat(page.documentStillMarked()).as("the page was not reloaded").isTrue();
        page.screenshot(Path.of("target", "dashboard-live.png"), false);
    }

    @Test
    void shouldOverlayTheRunsRipenessAsADashedLineWhenAComparisonRunIsPicked() {
        // Given: the page without an overlay
        page.open(server.url(), TestSeries.CONFLICT);
        assertThat(page.runOverlay()).isNull();

        // When: the kept run (its ripeness is half the live one in this fake) is picked
        page.pickRun(RUN);

        // Then: a dashed line, lower than the live ripeness line, and a legend entry naming the run
        await("overlay of run " + RUN + " drawn").atMost(Duration.ofSeconds(10)).until(() -> page.runOverlay() != null);
        WebElement overlay = page.runOverlay();
        assertThat(overlay.getAttribute("stroke-dasharray")).isNotBlank();
        assertThat(overlay.getAttribute("d")).isNotEqualTo(page.ripenessSeriesPath("ripeness"))
                .contains("L").startsWith("M" + page.ripenessSeriesPath("ripeness").substring(1).split(",")[0] + ",");
        assertThat(page.ripenessLegend()).contains("ripeness (run " + RUN + ")");
        page.screenshot(Path.of("target", "dashboard-compare.png"), false);

        // And when "none" is picked again, the overlay goes
        page.pickRun(null);
        await("overlay removed").atMost(Duration.ofSeconds(10)).until(() -> page.runOverlay() == null);
        assertThat(page.ripenessLegend()).noneMatch(label -> label.contains("(run "));
    }
}
