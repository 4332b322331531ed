package dev.ripeness.api.web;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard as a test sees it: what is drawn, what a click explains, what arrives
 * live. Works against any running server (a fake-backed {@code ApiServer} or the whole
 * pipeline), so the end-to-end test can reuse it.
 */
public final class DashboardPage {

    private static final Duration LOAD = Duration.ofSeconds(20);

    private final ChromeDriver browser;

    public DashboardPage(ChromeDriver browser) {
        this.browser = browser;
    }

    /** Opens the dashboard at {@code baseUrl} (e.g. {@code http://localhost:8080/}) on one conflict and waits until it has drawn. */
    public DashboardPage open(String baseUrl, String conflict) {
        browser.get(baseUrl + "?conflict=" + conflict);
        await("dashboard drew the ripeness timeline").atMost(LOAD).until(() -> ripenessPoints().size() > 0);
        await("summary loaded").atMost(LOAD).until(() -> summaryAsOf() != null);
        // The charts are drawn again once the events' details arrive: a click before that may hit a replaced point.
        return awaitEventDetails();
    }

    /** Opens a full dashboard URL (a shared view: {@code ?conflict=…&asOf=…&actor=…}) and waits until it has drawn. */
    public DashboardPage openUrl(String url) {
        browser.get(url);
        await("dashboard drew the ripeness timeline").atMost(LOAD).until(() -> ripenessPoints().size() > 0);
        await("summary loaded").atMost(LOAD).until(() -> summaryAsOf() != null);
        // The charts are drawn again once the events' details arrive: a click before that may hit a replaced point.
        return awaitEventDetails();
    }

    /** Waits until the details of the timeline's events (for filters and the "since" paragraph) have arrived. */
    public DashboardPage awaitEventDetails() {
        await("event details loaded").atMost(LOAD).until(() -> "true".equals(
                browser.findElement(By.tagName("body")).getAttribute("data-events-loaded")));
        return this;
    }

    /** Waits until the period's events (for the map and the casualty series) have arrived and been drawn. */
    public DashboardPage awaitMap() {
        await("map events loaded").atMost(LOAD).until(() -> "true".equals(
                browser.findElement(By.tagName("body")).getAttribute("data-period-loaded")));
        return this;
    }

    /** The event ids of the map's points. */
    public List<String> mapEventIds() {
        return browser.findElements(By.cssSelector("#chart-map circle.map-point")).stream()
                .map(c -> c.getAttribute("data-event")).sorted().toList();
    }

    /** The map's points, each as its attributes: event, date, type, casualties, cx, cy, r, fill. */
    @SuppressWarnings("unchecked")
    public List<Map<String, String>> mapPoints() {
        return (List<Map<String, String>>) script("return Array.from(document.querySelectorAll('#chart-map circle.map-point')).map((c) => ({"
                + "event: c.dataset.event, date: c.dataset.date, type: c.dataset.type, casualties: c.dataset.casualties,"
                + "cx: c.getAttribute('cx'), cy: c.getAttribute('cy'), r: c.getAttribute('r'), fill: c.getAttribute('fill'),"
                + "tabindex: c.getAttribute('tabindex')}));");
    }

    public String mapStatus() {
        return browser.findElement(By.id("map-status")).getText();
    }

    public String casualtiesStatus() {
        return browser.findElement(By.id("casualties-status")).getText();
    }

    /** The casualty bars: period key → summed casualties. */
    @SuppressWarnings("unchecked")
    public Map<String, Long> casualtyBars() {
        Map<String, Object> bars = (Map<String, Object>) script("const out = {}; document.querySelectorAll('#chart-casualties rect.casualty-bar')"
                + ".forEach((b) => { out[b.dataset.period] = Number(b.dataset.sum); }); return out;");
        Map<String, Long> out = new java.util.TreeMap<>();
        bars.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
        return out;
    }

    /** Scrolls the map into the window, so that a screenshot shows it. */
    public DashboardPage scrollToMap() {
        script("document.getElementById('map-card').scrollIntoView();");
        return this;
    }

    /** Gives keyboard focus to the map point of {@code eventId} and presses Enter on it. */
    public void pressEnterOnMapPoint(String eventId) {
        WebElement point = browser.findElement(By.cssSelector("#chart-map circle.map-point[data-event='" + eventId + "']"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].focus();", point);
        browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
    }

    /** The query string of the page's current URL, without the leading {@code ?}. */
    public String query() {
        return (String) ((JavascriptExecutor) browser).executeScript("return location.search.slice(1);");
    }

    /** How wide the document lays out and how wide the window is: equal or less means no horizontal scrolling. */
    public long[] layoutAndWindowWidth() {
        @SuppressWarnings("unchecked")
        List<Number> widths = (List<Number>) ((JavascriptExecutor) browser).executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth];");
        return new long[] {widths.get(0).longValue(), widths.get(1).longValue()};
    }

    /** The innermost elements that reach past {@code width} CSS pixels (tag#id.class and right edge): what makes a page scroll sideways. */
    public List<String> elementsWiderThan(long width) {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "const out = []; document.querySelectorAll('body *').forEach((e) => { const r = e.getBoundingClientRect();"
                        + " if (r.right > arguments[0] + 0.5 && !Array.from(e.children).some((c) => c.getBoundingClientRect().right > arguments[0] + 0.5)"
                        + " && !e.closest('.table-wrap')) {"
                        + " out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className : '')"
                        + " + ' right=' + Math.round(r.right)); } }); return out.slice(0, 15);", width);
        return found;
    }

    /** Gives keyboard focus to the event point of {@code date} and presses Enter on it, as a keyboard user does after tabbing there. */
    public void pressEnterOnEventPoint(String date) {
        WebElement point = browser.findElement(By.cssSelector("#chart-events circle.event-point[data-date='" + date + "']"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].focus();", point);
        browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
    }

    /** The value of a form control by id ({@code f-actor}, {@code since}, …). */
    public String controlValue(String id) {
        return browser.findElement(By.id(id)).getAttribute("value");
    }

    /** Sets a filter or other control by id as a user does, firing its change event. */
    public DashboardPage setControl(String id, String value) {
        ((JavascriptExecutor) browser).executeScript(
                "const c = document.getElementById(arguments[0]); c.value = arguments[1]; c.dispatchEvent(new Event('change'));", id, value);
        return this;
    }

    public String filterStatus() {
        return browser.findElement(By.id("filter-status")).getText();
    }

    public String sinceText() {
        return browser.findElement(By.id("since-text")).getText();
    }

    /** The change cell of one row of the "since" table ({@code ripeness}, {@code mhs}, …), arrow included. */
    public String sinceChange(String component) {
        return browser.findElement(By.cssSelector("#since-table tr[data-component='" + component + "'] td:last-child")).getText();
    }

    /** Clicks a download button ({@code timeline-csv}, {@code chart-ripeness-svg}, …) and returns the file's name and text. */
    public Map<String, Object> download(String which) {
        ((JavascriptExecutor) browser).executeScript("window.ripenessDashboard.lastDownload = null;");
        browser.findElement(By.cssSelector("button[data-download='" + which + "']")).click();
        // A PNG is drawn asynchronously (image load, canvas encoding)
        await("download of " + which).atMost(LOAD).until(() -> ((JavascriptExecutor) browser).executeScript(
                "return window.ripenessDashboard.lastDownload;") != null);
        @SuppressWarnings("unchecked")
        Map<String, Object> file = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                "return window.ripenessDashboard.lastDownload;");
        return file;
    }

    /** Runs a script in the page and returns its result (for questions no other method asks). */
    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    public List<WebElement> ripenessPoints() {
        return browser.findElements(By.cssSelector("#chart-ripeness circle.ripeness-point"));
    }

    public List<WebElement> eventPoints() {
        return browser.findElements(By.cssSelector("#chart-events circle.event-point"));
    }

    /** The dates of the drawn event points, in drawing (date) order. */
    public List<String> eventDates() {
        return eventPoints().stream().map(e -> e.getAttribute("data-date")).toList();
    }

    /** Path data of a component's line in the ripeness chart ({@code ripeness}, {@code mhs}, {@code wayOut}...); null when not drawn. */
    public String ripenessSeriesPath(String series) {
        List<WebElement> paths = browser.findElements(By.cssSelector("#chart-ripeness path[data-series='" + series + "']"));
        return paths.isEmpty() ? null : paths.get(0).getAttribute("d");
    }

    /** The points of the ripeness interval's shaded band; null when not drawn. */
    public String ripenessIntervalBand() {
        List<WebElement> band = browser.findElements(By.cssSelector("#chart-ripeness polygon[data-series='ripeness-interval']"));
        return band.isEmpty() ? null : band.get(0).getAttribute("points");
    }

    /** The interval the summary shows, e.g. "0.31 – 0.45"; null when none. */
    public String summaryInterval() {
        List<WebElement> cell = browser.findElements(By.cssSelector("[data-testid='ripeness-interval']"));
        return cell.isEmpty() ? null : cell.get(0).getText();
    }

    /** The demand step lines drawn for one dimension's ladder, by actor code. */
    public Map<String, String> ladderDemandPaths(String dimension) {
        return browser.findElements(By.cssSelector("#chart-ladders .ladder[data-dimension='" + dimension + "'] path[data-kind='demand']"))
                .stream().collect(java.util.stream.Collectors.toMap(e -> e.getAttribute("data-actor"), e -> e.getAttribute("d")));
    }

    public List<WebElement> momentumLines() {
        return browser.findElements(By.cssSelector("#chart-momentum path[data-actor]"));
    }

    public List<WebElement> frontRows() {
        return browser.findElements(By.cssSelector("#fronts tr.front-row"));
    }

    /** Clicks the event point of {@code date} and returns the explanation shown for it. */
    public String explainEvent(String date) {
        WebElement point = browser.findElement(By.cssSelector("#chart-events circle.event-point[data-date='" + date + "']"));
        // SVG circles can sit under a tooltip or a neighbour; a DOM click is what a user's click triggers.
        ((JavascriptExecutor) browser).executeScript("window.__errors = []; "
                + "window.addEventListener('error', (e) => window.__errors.push(e.message)); "
                + "window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason && e.reason.stack || e.reason))); "
                + "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", point);
        try {
            await("explanation of " + date + " shown").atMost(LOAD).until(() -> date.equals(explainedDate()) && !explanationRows().isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no explanation of " + date + " shown; the box says: " + browser.findElement(By.id("explain")).getText()
                    + "; page errors: " + ((JavascriptExecutor) browser).executeScript("return window.__errors;")
                    + "; point attached: " + ((JavascriptExecutor) browser).executeScript("return arguments[0].isConnected;", point)
                    + "; debug: " + ((JavascriptExecutor) browser).executeScript("const s = window.ripenessDashboard.state; return [s.selected, "
                    + "location.search, s.liveUpdates, document.querySelectorAll('circle.event-point').length, s.timeline.length, "
                    + "document.getElementById('explain').outerHTML.slice(0, 300), document.readyState];"), e);
        }
        return browser.findElement(By.id("explain")).getText();
    }

    public String explainedDate() {
        return browser.findElement(By.id("explain")).getAttribute("data-as-of");
    }

    public List<WebElement> explanationRows() {
        return browser.findElements(By.cssSelector("#explain tr.driver"));
    }

    /** The date of the assessment the summary shows; null before it loaded. */
    public String summaryAsOf() {
        return browser.findElement(By.id("summary")).getAttribute("data-as-of");
    }

    public String ripenessFigure() {
        return browser.findElement(By.cssSelector("[data-testid='ripeness-value']")).getText();
    }

    /** Whether the live-update stream is connected. */
    public boolean live() {
        return browser.findElement(By.id("live")).getAttribute("class").contains("on");
    }

    public DashboardPage awaitLive() {
        await("live stream connected").atMost(LOAD).until(this::live);
        return this;
    }

    /** Picks an as-of date as a user does with the date picker. */
    public DashboardPage pickAsOf(String date) {
        ((JavascriptExecutor) browser).executeScript(
                "const i = document.getElementById('asof'); i.value = arguments[0]; i.dispatchEvent(new Event('change'));", date);
        return this;
    }

    /** The runs the "Compare with run" select offers (without "none"). */
    public List<String> offeredRuns() {
        return browser.findElements(By.cssSelector("#run option")).stream().map(e -> e.getAttribute("value"))
                .filter(v -> !v.isEmpty()).toList();
    }

    /** Picks a comparison run to overlay (null: none) as a user does with the select, once the select offers it. */
    public DashboardPage pickRun(String run) {
        String value = run == null ? "" : run;
        if (run != null) {
            await("run " + run + " offered").atMost(LOAD).until(() -> offeredRuns().contains(run));
        }
        ((JavascriptExecutor) browser).executeScript(
                "const s = document.getElementById('run'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));", value);
        return this;
    }

    /** The dashed overlay line of the picked run on the ripeness chart; null when none is drawn. */
    public WebElement runOverlay() {
        List<WebElement> paths = browser.findElements(By.cssSelector("#chart-ripeness path[data-series='ripeness-run']"));
        return paths.isEmpty() ? null : paths.get(0);
    }

    /** The labels of the ripeness chart's legend. */
    public List<String> ripenessLegend() {
        return browser.findElements(By.cssSelector("#legend-ripeness > span")).stream().map(WebElement::getText).toList();
    }

    /** Marks the current document, so a test can tell a live update from a reload. */
    public void markDocument() {
        ((JavascriptExecutor) browser).executeScript("window.__notReloaded = true;");
    }

    public boolean documentStillMarked() {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript("return window.__notReloaded === true;"));
    }

    /** Saves a PNG of the window and the DOM beside it ({@code .html}); with {@code print} the page is laid out as for printing. */
    public Path screenshot(Path file, boolean print) {
        try {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", print ? "print" : ""));
            Files.createDirectories(file.getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
            // The DOM beside the picture, for finding out why something looks wrong.
            Files.writeString(file.resolveSibling(file.getFileName().toString().replace(".png", ".html")), browser.getPageSource());
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
