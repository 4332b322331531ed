package dev.ripeness.producers.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripeness.producers.event.CsvReader;
import dev.ripeness.producers.feed.FeedSummary;
import dev.ripeness.producers.feed.RecordResult;
import dev.ripeness.producers.feed.TextInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dates, charsets, line endings, runaway rows, format detection and grouped reasons. */
class InputRobustnessTest {

    @Test
    void shouldReadEveryDateFormTheUpstreamFilesCarry() throws RowRejected {
        UpstreamDates dates = new UpstreamDates();
        assertThat(dates.day("2024-02-16", "d")).hasToString("2024-02-16");
        assertThat(dates.day("2022-09-07 00:00:00.000", "d")).hasToString("2022-09-07");
        assertThat(dates.day("16 May 2025", "d")).hasToString("2025-05-16");
        assertThat(dates.day("9-May-20", "d")).hasToString("2020-05-09");
        assertThat(dates.day("20140218", "d")).hasToString("2014-02-18");
        assertThat(new UpstreamDates().day("16/02/2024 00:00:00", "d")).hasToString("2024-02-16");
        assertThat(new UpstreamDates().day("2/16/2024", "d")).hasToString("2024-02-16");
        assertThat(new UpstreamDates().day("1/22/2014 12:00:00 AM", "d")).hasToString("2014-01-22");
        assertThat(new UpstreamDates().day("31-12-19", "d")).hasToString("2019-12-31");
        assertThat(new UpstreamDates().day("04-01-04", "d")).as("dashes read day-first").hasToString("2004-01-04");
    }

    @Test
    void shouldReadAmbiguousSlashedDatesInTheOrderTheFileShowed() throws RowRejected {
        UpstreamDates dayFirst = new UpstreamDates();
        dayFirst.day("16/02/2024", "d");
        assertThat(dayFirst.day("03/02/2024", "d")).as("learned day-first").hasToString("2024-02-03");
        UpstreamDates monthFirst = new UpstreamDates();
        monthFirst.day("2/16/2024", "d");
        assertThat(monthFirst.day("03/02/2024", "d")).as("learned month-first").hasToString("2024-03-02");
    }

    @Test
    void shouldRejectAnUnknownDateNamingTheFieldAndTheFormsAccepted() {
        assertThatThrownBy(() -> new UpstreamDates().day("last Tuesday", "event_date"))
                .isInstanceOf(RowRejected.class)
                .hasMessageContaining("`last Tuesday` is not a date in a known form")
                .satisfies(e -> assertThat(((RowRejected) e).field()).isEqualTo("event_date"));
    }

    @Test
    void shouldDropTheByteOrderMarkAndDetectWindows1252() throws IOException {
        byte[] bom = "\uFEFFevent_id_cnty,notes\nUKR1,caf\u00e9\n".getBytes(StandardCharsets.UTF_8);
        TextInput utf8 = TextInput.open(new ByteArrayInputStream(bom), null);
        assertThat(utf8.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(text(utf8.reader())).startsWith("event_id_cnty,").contains("caf\u00e9");

        byte[] cp1252 = "event_id_cnty,notes\nUKR1,Kyiv\u2019s caf\u00e9\n".getBytes(TextInput.WINDOWS_1252);
        TextInput detected = TextInput.open(new ByteArrayInputStream(cp1252), null);
        assertThat(detected.charset()).isEqualTo(TextInput.WINDOWS_1252);
        assertThat(text(detected.reader())).contains("Kyiv\u2019s caf\u00e9");
    }

    @Test
    void shouldCutARunawayRowAndReadTheRowsAfterIt() {
        // Given a row whose quote never closes on its line, between two good rows, CRLF line ends
        String runaway = "2,\"" + "x".repeat(300) + "\r\n";
        String input = "1,a\r\n" + runaway + "3,c\r\n";
        // When read with a 100-character limit
        List<CsvReader.Row> rows = new ArrayList<>();
        new CsvReader(new StringReader(input), ',', true, 100).forEachRemaining(rows::add);
        // Then the runaway row is cut at its line end, noted with length and hash, and row 3 is read
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).fields()).containsExactly("1", "a");
        assertThat(rows.get(1).oversize()).startsWith("row of 303 characters (lines 2–2) is over the 100-character limit, SHA-256 ");
        assertThat(rows.get(1).raw()).hasSize(100);
        assertThat(rows.get(2).line()).isEqualTo(3);
        assertThat(rows.get(2).fields()).containsExactly("3", "c");
    }

    @Test
    void shouldDeadLetterAnOversizedJsonLineAndReadTheNextOne() {
        // Given a JSONL input whose first line is over a MiB (CR LF line ends), then a short line
        String huge = "{\"eventId\":\"" + "x".repeat(CsvReader.MAX_ROW_CHARS + 10) + "\"}";
        List<dev.ripeness.producers.feed.Offer> offers = new ArrayList<>();
        dev.ripeness.producers.feed.Offers.jsonLines(new StringReader(huge + "\r\n{\"eventId\":\"e2\"}\r\n"), "file big.jsonl")
                .forEachRemaining(offers::add);
        // Then the big line is one rejected offer, cut, with its length and hash, and the next line is still read
        assertThat(offers).hasSize(2);
        assertThat(offers.get(0).problem().message()).startsWith("row of " + huge.length() + " characters (lines 1–1)").contains("SHA-256 ");
        assertThat(offers.get(0).original()).hasSize(CsvReader.KEPT_CHARS);
        assertThat(offers.get(1).where()).isEqualTo("line 2");
        assertThat(new String(offers.get(1).original(), StandardCharsets.UTF_8)).isEqualTo("{\"eventId\":\"e2\"}");
    }

    @Test
    void shouldDetectEachFormatFromItsFirstLineCaseInsensitively() {
        assertThat(FormatDetector.detect("EVENT_ID_CNTY,Event_Date,event_type")).contains("acled");
        assertThat(FormatDetector.detect("\uFEFF\"id\",\"relid\",\"year\",\"type_of_violence\"")).contains("ucdp");
        assertThat(FormatDetector.detect("410412347\t20140218" + "\t".repeat(59))).contains("gdelt");
        assertThat(FormatDetector.detect("{\"eventId\":\"x\"}")).contains("jsonl");
        assertThat(FormatDetector.detect("eventId,date,conflict")).contains("csv");
        assertThat(FormatDetector.detect("name,age")).isEmpty();
        assertThat(FormatDetector.hint(List.of("id", "type_of_violence"))).isEqualTo("; the header looks like ucdp: try --format ucdp");
    }

    @Test
    void shouldGroupFilteredAndRejectedReasonsWithoutTheirPlacesAndValues() {
        FeedSummary s = new FeedSummary();
        s.add(new RecordResult(2, null, RecordResult.Status.FILTERED, "line 2: protests are outside the model's scope — Protests/Peaceful protest"));
        s.add(new RecordResult(3, null, RecordResult.Status.FILTERED, "line 3: protests are outside the model's scope — Protests/Protest with intervention"));
        s.add(new RecordResult(4, null, RecordResult.Status.REJECTED, "line 4: field `event_date`: `x` is not a date in a known form"));
        s.add(new RecordResult(5, null, RecordResult.Status.REJECTED, "line 5: field `event_date`: `y` is not a date in a known form"));
        assertThat(s.filteredByReason()).containsExactly(java.util.Map.entry("protests are outside the model's scope", 2L));
        assertThat(s.rejectedByReason()).containsExactly(java.util.Map.entry("field `…`: `…` is not a date in a known form", 2L));
        assertThat(s).hasToString("accepted 0, duplicates 0, filtered 2, rejected 2");
    }

    private static String text(Reader r) throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[4096];
        int n;
        while ((n = r.read(buf)) > 0) {
            b.append(buf, 0, n);
        }
        return b.toString();
    }
}
