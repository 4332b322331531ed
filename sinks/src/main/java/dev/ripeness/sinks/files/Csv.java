package dev.ripeness.sinks.files;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV lines: fields with a comma, quote or line break are quoted, quotes doubled; null is empty. */
public final class Csv {

    private Csv() {}

    /** One CSV line (without the line terminator). */
    public static String line(List<?> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(","));
    }

    /** One escaped field. */
    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
