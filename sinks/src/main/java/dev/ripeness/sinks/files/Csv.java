package dev.ripeness.sinks.files;

import dev.ripeness.producers.event.CsvReader;
import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV lines: fields with a comma, quote or line break are quoted, quotes doubled; null is empty. */
public final class Csv {

    private Csv() {}

    /** One CSV line (without the line terminator). */
    public static String line(List<?> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(","));
    }

    /** One escaped field, quoted exactly as the event CSV codec quotes its cells. */
    public static String field(Object value) {
        return value == null ? "" : CsvReader.quote(value.toString());
    }
}
