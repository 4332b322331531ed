package dev.ripeness.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripeness.api.http.ApiServer;
import dev.ripeness.api.http.FakeComparisonRuns;
import dev.ripeness.api.http.FakeStateQueries;
import dev.ripeness.api.http.TestSeries;
import dev.ripeness.schema.RipenessAssessment;
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
            // The state holds between events: steps (H then V), never slopes drawn across the gaps
            assertThat(page.ripenessSeriesPath(series)).as(series).isNotNull().contains("H", "V").doesNotContain("L");
        }
        assertThat(page.ladderDemandPaths("territory")).containsOnlyKeys("NORTH", "SOUTH");
        assertThat(page.ladderDemandPaths("territory").get("NORTH")).as("NORTH's territorial demand climbs in steps").contains("H", "V");
        assertThat(page.ladderDemandPaths("alignment")).containsOnlyKeys("NORTH", "SOUTH");
        assertThat(page.momentumLines()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(page.frontRows()).hasSize(4);
        assertThat(page.summaryAsOf()).isEqualTo(state.assessments().get(dates - 1).getAsOf());
        // The model's interval: a shaded band of steps (four corners per assessment), and low – high in the summary
        assertThat(page.ripenessIntervalBand()).isNotNull().satisfies(points ->
                assertThat(points.trim().split("\\s+")).hasSize(4 * dates));
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

        // Then: the event in words, each component it moved in plain language, and the entries that are not events
        assertThat(explanation).contains("2024-06-14, Northland: demand stated", "Test event ratchet provinces",
                "against Southland", "confidence 0.90", "id ns-006-ratchet-provinces",
                "raised demand gap by 0.150", "+0.150", "lowered way out by 0.100", "-0.100",
                "Starting value", "Older events", "Time alone");
        // demandGap, wayOut and ripeness of the event, then (baseline), (earlier events) and (decay)
        assertThat(page.explanationRows()).hasSize(6);
        assertThat(page.script("return document.querySelector(\"#explain a[href='https://news.example.org/ns-006-ratchet-provinces']\").rel;"))
                .asString().contains("noopener");
        // The model's parameters are there, behind a toggle that starts closed
        assertThat(explanation).contains("Model parameters").doesNotContain("test weight for wayOut");
        assertThat(page.script("return document.querySelectorAll('#explain details.params[open]').length;")).isEqualTo(0L);
        assertThat(page.script("return document.querySelector('#explain details.params').textContent;")).asString()
                .contains("way out: test weight for wayOut");
    }

    @Test
    void shouldShowEventTextAndSourcesAsTextAndLinkOnlyWebAddresses() {
        // Given
        page.open(server.url(), TestSeries.CONFLICT);

        // When: the event whose description and sources carry markup and a script address
        String explanation = page.explainEvent("2024-01-10");

        // Then: shown literally, nothing injected, only the https source a link
        assertThat(explanation).contains("<img src=x id=injected>", "<b>field report</b>", "javascript:alert(1)", "120 casualties");
        assertThat(page.script("return document.getElementById('injected') === null "
                + "&& document.querySelectorAll('#explain b').length === 0;")).isEqualTo(true);
        assertThat(page.script("return Array.from(document.querySelectorAll('#explain .sources a')).map(a => a.getAttribute('href'));"))
                .asList().containsExactly("https://news.example.org/north?a=1&b=2");
    }

    @Test
    void shouldFitAPhoneScreenWithoutHorizontalScrollingAndWorkWithTheKeyboard() {
        ChromeDriver phone = Chromium.start(390, 844);
        try {
            // A desktop window cannot be made narrower than 500 px: the phone's viewport is emulated, as DevTools does
            phone.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 390, "height", 844,
                    "deviceScaleFactor", 1, "mobile", true));
            DashboardPage small = new DashboardPage(phone).open(server.url(), TestSeries.CONFLICT).awaitEventDetails();
            small.awaitMap();
            assertThat(small.mapEventIds()).isNotEmpty();
            long[] widths = small.layoutAndWindowWidth();
            // A mobile viewport widens itself to fit content that overflows, so both widths must stay 390
            assertThat(widths).as("document and viewport width at 390 px; too wide: %s", small.elementsWiderThan(390))
                    .containsExactly(390, 390);
            assertThat(((Number) small.script("return document.querySelector('#chart-map svg').getBoundingClientRect().right;")).doubleValue())
                    .as("the map fits the phone's width").isLessThanOrEqualTo(390);

            // When: a keyboard user presses Enter on an event point
            small.pressEnterOnEventPoint("2024-01-10");

            // Then: its explanation opens, and the long source and description still fit
            await("explanation after Enter").atMost(Duration.ofSeconds(10)).until(() -> "2024-01-10".equals(small.explainedDate()));
            await("explanation drawn").atMost(Duration.ofSeconds(10)).until(() -> !small.explanationRows().isEmpty());
            widths = small.layoutAndWindowWidth();
            assertThat(widths).as("widths with an explanation open; too wide: %s", small.elementsWiderThan(390)).containsExactly(390, 390);
            assertThat(small.script("return Array.from(document.querySelectorAll('#chart-events circle.event-point'))"
                    + ".every(c => c.getAttribute('tabindex') === '0');")).isEqualTo(true);
            small.screenshot(Path.of("target", "dashboard-phone.png"), false);
            phone.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 390, "height", 5200,
                    "deviceScaleFactor", 1, "mobile", true));
            small.screenshot(Path.of("target", "dashboard-phone-full.png"), false);
        } finally {
            phone.quit();
        }
    }

    @Test
    void shouldReproduceTheViewFromASharedUrl() {
        // When: a URL with as-of date, selected point, actor filter and "since" period is opened
        page.openUrl(server.url() + "?conflict=" + TestSeries.CONFLICT
                + "&asOf=2024-09-30&selected=2024-06-14&actor=SOUTH&since=quarter").awaitEventDetails();

        // Then: the same view: the state of that day, that explanation, that filter and period
        await("summary as of the last event day").atMost(Duration.ofSeconds(10)).until(() -> "2024-09-12".equals(page.summaryAsOf()));
        await("explanation of the selected point").atMost(Duration.ofSeconds(10)).until(() -> "2024-06-14".equals(page.explainedDate()));
        assertThat(page.controlValue("f-actor")).isEqualTo("SOUTH");
        assertThat(page.controlValue("since")).isEqualTo("quarter");
        assertThat(page.controlValue("asof")).isEqualTo("2024-09-30");
        // Southland acts in two events of the series: only their days are drawn
        await("timeline filtered to Southland").atMost(Duration.ofSeconds(10))
                .until(() -> page.eventDates().equals(List.of("2024-05-30", "2024-10-25")));
        assertThat(page.filterStatus()).contains("2 of " + state.assessments().size());

        // And a change made on the page goes into the URL, ready to share
        page.setControl("f-type", "POSITION_OFFERED");
        await("type filter in the URL").atMost(Duration.ofSeconds(5)).until(() -> page.query().contains("type=POSITION_OFFERED"));
        assertThat(page.query()).contains("conflict=" + TestSeries.CONFLICT, "asOf=2024-09-30", "selected=2024-06-14",
                "actor=SOUTH", "since=quarter");
        assertThat(page.eventDates()).containsExactly("2024-10-25");
        page.screenshot(Path.of("target", "dashboard-shared-view.png"), false);
    }

    @Test
    void shouldDrawOnlyTheEventDaysOfTheChosenPeriodAndDownloadOnlyTheirEvents() {
        // When: a period from the URL
        page.openUrl(server.url() + "?conflict=" + TestSeries.CONFLICT + "&from=2024-06-01&to=2024-10-31");

        // Then: the event days inside it, and the events CSV holds just their events
        assertThat(page.eventDates()).containsExactly("2024-06-14", "2024-08-01", "2024-09-12", "2024-10-25");
        assertThat(page.controlValue("f-from")).isEqualTo("2024-06-01");
        String[] rows = page.download("events-csv").get("text").toString().split("\n");
        assertThat(rows).hasSize(5);
        assertThat(rows[1]).startsWith("ns-006-ratchet-provinces,2024-06-14,NORTH,DEMAND_STATED,,0.9,");
    }

    @Test
    void shouldMapThePlacedEventsSizedByCasualtiesAndSayHowManyHaveNoPlace() {
        // Given the series' events: some carry a (test) location, the others none
        List<dev.ripeness.schema.Event> all = TestSeries.events();
        List<String> placed = all.stream().filter(e -> e.getLocation() != null).map(e -> e.getEventId()).sorted().toList();

        // When the page is opened
        page.open(server.url(), TestSeries.CONFLICT).awaitMap();

        // Then one point per placed event, keyboard reachable, and the unplaced counted rather than guessed
        assertThat(page.mapEventIds()).containsExactlyElementsOf(placed);
        assertThat(page.mapStatus()).contains(all.size() + " events of this view: " + placed.size() + " placed on the map, "
                + (all.size() - placed.size()) + " without a location");
        List<java.util.Map<String, String>> points = page.mapPoints();
        assertThat(points).allSatisfy(p -> assertThat(p.get("tabindex")).isEqualTo("0"));
        // The 120-casualty event is the biggest point; a point without a figure is the smallest size
        java.util.Map<String, String> biggest = points.stream().max(java.util.Comparator.comparingDouble(p -> Double.parseDouble(p.get("r")))).orElseThrow();
        assertThat(biggest.get("event")).isEqualTo("ns-001-offensive-east");
        assertThat(points.stream().filter(p -> p.get("casualties").isEmpty()).map(p -> p.get("r")).distinct()).containsExactly("3.5");
        // A region-only place is a hollow ring; points of one type share a colour, of other types not
        assertThat(points).filteredOn(p -> p.get("event").equals("ns-005-withdrawal-south")).extracting(p -> p.get("fill")).containsExactly("none");
        java.util.Map<String, java.util.Set<String>> fillsByType = new java.util.TreeMap<>();
        points.stream().filter(p -> !"none".equals(p.get("fill")))
                .forEach(p -> fillsByType.computeIfAbsent(p.get("type"), t -> new java.util.HashSet<>()).add(p.get("fill")));
        assertThat(fillsByType.values()).allSatisfy(fills -> assertThat(fills).hasSize(1));
        assertThat(fillsByType.values().stream().flatMap(java.util.Set::stream).distinct().count()).isEqualTo(fillsByType.size());
        // Natural Earth boundaries around them, from the jar
        assertThat(page.script("return document.querySelectorAll('#chart-map path[data-country]').length;")).asString().isNotEqualTo("0");

        // And Enter on a map point opens the explanation of that event's day
        page.pressEnterOnMapPoint("ns-007-siege-started");
        await("explanation of the map point's day").atMost(Duration.ofSeconds(10)).until(() -> "2024-08-01".equals(page.explainedDate()));
        page.scrollToMap().screenshot(Path.of("target", "dashboard-map.png"), false);
    }

    @Test
    void shouldFilterTheMapAndTheCasualtySeriesBySideAndPeriodFromTheUrl() {
        // Given the events of Southland's side from 2024-05-01 on, and their casualty figures per week/month
        List<dev.ripeness.schema.Event> south = TestSeries.events().stream()
                .filter(e -> e.getActor().equals("SOUTH") && e.getDate().compareTo("2024-05-01") >= 0).toList();
        assertThat(south).as("the series has such events").isNotEmpty();

        // When a shared URL with side and period is opened
        page.openUrl(server.url() + "?conflict=" + TestSeries.CONFLICT + "&side=SOUTH&from=2024-05-01").awaitMap();

        // Then the side filter is set, and map, timeline and series show only that side's events in the period
        assertThat(page.controlValue("f-side")).isEqualTo("SOUTH");
        assertThat(page.mapEventIds()).containsExactlyElementsOf(south.stream().filter(e -> e.getLocation() != null)
                .map(e -> e.getEventId()).sorted().toList());
        assertThat(page.eventDates()).containsExactlyElementsOf(south.stream().map(e -> e.getDate()).sorted().toList());
        long withFigure = south.stream().filter(e -> e.getCasualties() != null).count();
        long sum = south.stream().filter(e -> e.getCasualties() != null).mapToLong(e -> e.getCasualties()).sum();
        assertThat(page.casualtiesStatus()).contains(south.size() + " events of this view: " + withFigure
                + " report casualties or fatalities (" + sum + " in all), " + (south.size() - withFigure) + " report no figure");
        assertThat(page.casualtyBars().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(sum);

        // And a change of side goes into the URL
        page.setControl("f-side", "NORTH");
        await("side in the URL").atMost(Duration.ofSeconds(5)).until(() -> page.query().contains("side=NORTH"));
        assertThat(page.mapEventIds()).allMatch(id -> TestSeries.events().stream()
                .anyMatch(e -> e.getEventId().equals(id) && e.getActor().equals("NORTH")));
    }

    @Test
    void shouldSumTheCasualtiesOfTheMatchingEventsPerMonthAndCountThoseWithoutAFigureApart() {
        // Given the whole series: per month, the sum of the figures the events give
        java.util.Map<String, Long> expected = new java.util.TreeMap<>();
        TestSeries.events().stream().filter(e -> e.getCasualties() != null)
                .forEach(e -> expected.merge(e.getDate().substring(0, 7), e.getCasualties(), Long::sum));
        long without = TestSeries.events().stream().filter(e -> e.getCasualties() == null).count();

        // When the page is opened without filters
        page.open(server.url(), TestSeries.CONFLICT).awaitMap();

        // Then one bar per month with figures, and the events without a figure are counted, not taken as zero
        assertThat(page.casualtyBars()).isEqualTo(expected);
        assertThat(page.casualtiesStatus()).contains(without + " report no figure (counted apart, never as zero)", "One bar per month.");
        assertThat(page.script("return document.querySelectorAll('#chart-casualties rect.no-figure').length;")).asString().isNotEqualTo("0");
        String rows = page.download("casualties-csv").get("text").toString();
        assertThat(rows).startsWith("period,casualties,eventsWithFigure,eventsWithoutFigure\n").contains("2024-01,120,1,0");
    }

    @Test
    void shouldSayWhatChangedSinceTheQuarterBeforeNamingTheEventsThatMovedRipenessMost() {
        // Given: the view of 2024-06-20 (last event day 2024-06-14); a quarter before is 2024-03-20 (state of 2024-03-15)
        page.openUrl(server.url() + "?conflict=" + TestSeries.CONFLICT + "&asOf=2024-06-20&since=quarter").awaitEventDetails();
        RipenessAssessment now = at("2024-06-14");
        RipenessAssessment then = at("2024-03-15");
        double change = now.getRipeness() - then.getRipeness();
        // The event dated in between with the largest published ripeness delta
        dev.ripeness.schema.Driver biggest = state.assessments().stream()
                .filter(a -> a.getAsOf().compareTo("2024-03-20") > 0 && a.getAsOf().compareTo("2024-06-14") <= 0)
                .flatMap(a -> a.getDrivers().stream())
                .filter(d -> d.getComponent().equals("ripeness") && !d.getEventId().startsWith("("))
                .max(java.util.Comparator.comparingDouble(d -> Math.abs(d.getDelta()))).orElseThrow();

        // Then: arrows per row and a paragraph built from the published numbers and the events' own records
        await("since paragraph written").atMost(Duration.ofSeconds(10)).until(() -> page.sinceText().contains("moved it most"));
        String text = page.sinceText();
        assertThat(text).startsWith("Since 2024-03-20 ripeness " + (change > 0 ? "rose" : "fell") + " from "
                + String.format(java.util.Locale.ROOT, "%.2f to %.2f (%+.3f)", then.getRipeness(), now.getRipeness(), change));
        assertThat(text).contains("The events that moved it most: " + TestSeries.events().stream()
                .filter(e -> e.getEventId().equals(biggest.getEventId())).findFirst().orElseThrow().getDate());
        assertThat(page.sinceChange("ripeness")).startsWith(change > 0 ? "▲" : "▼");
        double mhsChange = now.getComponents().getMhs() - then.getComponents().getMhs();
        assertThat(page.sinceChange("mhs")).isEqualTo((mhsChange > 0 ? "▲ " : "▼ ") + String.format(java.util.Locale.ROOT, "%+.3f", mhsChange));
        // A month before instead: another reference date
        page.setControl("since", "month");
        await("since a month").atMost(Duration.ofSeconds(5)).until(() -> page.sinceText().startsWith("Since 2024-05-20"));
    }

    @Test
    void shouldDownloadTheTimelineAsCsvAndEachChartAsSvgAndPng() {
        // Given
        page.open(server.url(), TestSeries.CONFLICT).awaitEventDetails();

        // When / Then: one CSV row per assessment under a header
        java.util.Map<String, Object> csv = page.download("timeline-csv");
        assertThat(csv.get("name")).isEqualTo(TestSeries.CONFLICT + "-timeline.csv");
        String[] lines = csv.get("text").toString().split("\n");
        assertThat(lines).hasSize(state.assessments().size() + 1);
        assertThat(lines[0]).isEqualTo("asOf,ripeness,ripenessLow,ripenessHigh,band,pathway,mhs,wayOut,demandGap,catastrophe,opportunity,lastEventId");
        RipenessAssessment first = state.assessments().get(0);
        assertThat(lines[1]).startsWith(first.getAsOf() + "," + first.getRipeness() + ",");
        // per-actor components: two belligerents per date
        assertThat(page.download("components-csv").get("text").toString().split("\n")).hasSize(2 * state.assessments().size() + 1);
        // the chart as a standalone SVG file, with its lines
        java.util.Map<String, Object> chart = page.download("chart-ripeness-svg");
        assertThat(chart.get("name")).isEqualTo(TestSeries.CONFLICT + "-chart-ripeness.svg");
        assertThat(chart.get("text").toString()).startsWith("<?xml").contains("xmlns=\"http://www.w3.org/2000/svg\"",
                "data-series=\"ripeness\"", "data-series=\"ripeness-interval\"");
        assertThat(page.download("chart-ladders-svg").get("text").toString()).contains("data-kind=\"demand\"");
        java.util.Map<String, Object> png = page.download("chart-events-png");
        assertThat(png.get("name")).isEqualTo(TestSeries.CONFLICT + "-chart-events.png");
        assertThat(png.get("type")).isEqualTo("image/png");
        assertThat(((Number) png.get("size")).longValue()).as("PNG bytes").isGreaterThan(2_000);
    }

    @Test
    void shouldListOnlyActiveFrontsUntilAskedForAll() {
        // Given: beside the series' four active rows, a front where nothing moved for the mediator
        FakeStateQueries withQuietFront = FakeStateQueries.withTestSeries();
        String last = withQuietFront.assessments().get(withQuietFront.assessments().size() - 1).getAsOf();
        withQuietFront.addFront(dev.ripeness.schema.FrontIndicators.newBuilder().setConflict(TestSeries.CONFLICT).setFront("east")
                .setActor("MED").setAsOf(last).setModelVersion("test-1")
                .setWindows(List.of(new dev.ripeness.schema.WindowIndicators(90, null, 0, 0, 0, 0, 0)))
                .setMomentum(0.0).setTacticalStalemate(false).setStrategicStalemate(false).setDrivers(List.of()).build());
        try (ApiServer quiet = ApiServer.builder(withQuietFront, TestSeries.catalog()).port(0).start()) {
            // When
            page.open(quiet.url(), TestSeries.CONFLICT);

            // Then: the quiet front is left out, and the box to show it says how many are hidden
            await("front table").atMost(Duration.ofSeconds(10)).until(() -> page.frontRows().size() == 4);
            assertThat(page.script("return document.getElementById('all-fronts').parentElement.textContent;")).asString()
                    .contains("show the 1 inactive front too");

            // And when asked for all, it is listed (and the choice is in the URL)
            page.script("const b = document.getElementById('all-fronts'); b.click();");
            await("all fronts listed").atMost(Duration.ofSeconds(5)).until(() -> page.frontRows().size() == 5);
            assertThat(page.query()).contains("allFronts=1");
        }
    }

    private RipenessAssessment at(String date) {
        return state.assessments().stream().filter(a -> a.getAsOf().equals(date)).findFirst().orElseThrow();
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
                .contains("H").startsWith("M" + page.ripenessSeriesPath("ripeness").substring(1).split(",")[0] + ",");
        assertThat(page.ripenessLegend()).contains("ripeness (run " + RUN + ")");
        page.screenshot(Path.of("target", "dashboard-compare.png"), false);

        // And when "none" is picked again, the overlay goes
        page.pickRun(null);
        await("overlay removed").atMost(Duration.ofSeconds(10)).until(() -> page.runOverlay() == null);
        assertThat(page.ripenessLegend()).noneMatch(label -> label.contains("(run "));
    }
}
