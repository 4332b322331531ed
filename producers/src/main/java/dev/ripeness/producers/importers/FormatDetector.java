package dev.ripeness.producers.importers;

import dev.ripeness.producers.event.CsvReader;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;

/**
 * Tells the input formats apart by their first line, so that {@code produce} needs no
 * {@code --format} and refuses one that does not fit, saying which would:
 * JSONL ({@code {…}}), canonical CSV ({@code eventId} column), ACLED ({@code event_id_cnty}, or
 * an API JSON answer holding it),
 * UCDP GED ({@code type_of_violence}, or a headerless 49-column row), GDELT 2.0 (61
 * tab-separated columns, numeric first). Column names match case-insensitively.
 */
public final class FormatDetector {

    private FormatDetector() {}

    /** The format of a file whose first line is {@code firstLine}: jsonl, csv, acled, ucdp or gdelt. */
    public static Optional<String> detect(String firstLine) {
        if (firstLine == null) {
            return Optional.empty();
        }
        String line = firstLine.startsWith("\uFEFF") ? firstLine.substring(1) : firstLine;
        String lead = line.stripLeading();
        if (lead.startsWith("{") || lead.startsWith("[")) {
            // ACLED's API answers one JSON document whose "data" array holds the events.
            return Optional.of(lead.contains("\"event_id_cnty\"") && !lead.contains("\"eventId\"") ? "acled" : "jsonl");
        }
        String[] tabs = line.split("\t", -1);
        if (tabs.length >= 57 && tabs[0].strip().matches("\\d+")) {
            return Optional.of("gdelt");
        }
        List<String> cells = cells(line);
        List<String> header = UpstreamRow.header(cells);
        Optional<String> byHeader = byHeader(header);
        if (byHeader.isPresent()) {
            return byHeader;
        }
        if (cells.size() == 49 && cells.get(0).strip().matches("\\d+")) {
            return Optional.of("ucdp"); // a headerless GED candidate file
        }
        return Optional.empty();
    }

    private static Optional<String> byHeader(List<String> header) {
        if (header.contains("event_id_cnty")) {
            return Optional.of("acled");
        }
        if (header.contains("type_of_violence") || header.contains("side_a") && header.contains("id")) {
            return Optional.of("ucdp");
        }
        if (header.contains("eventid")) {
            return Optional.of("csv");
        }
        return Optional.empty();
    }

    /**
     * A sentence to append to a refusal of {@code header} (lower-case column names): which
     * format it looks like, or an empty string when none.
     */
    public static String hint(List<String> header) {
        return byHeader(header).map(f -> "; the header looks like " + f + ": try --format " + f)
                .orElse("; the first line fits no known format (docs/importers.md lists them)");
    }

    private static List<String> cells(String line) {
        CsvReader r = CsvReader.csv(new StringReader(line));
        return r.hasNext() ? r.next().fields() : List.of();
    }
}
