package dev.ripeness.producers.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripeness.producers.event.CsvReader;
import dev.ripeness.producers.event.EventCsv;
import dev.ripeness.producers.event.EventFormatException;
import dev.ripeness.producers.event.EventJson;
import dev.ripeness.event.Violation;
import dev.ripeness.schema.Event;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Turns inputs in the canonical formats into streams of {@link Offer}s, lazily, one record at a time. */
public final class Offers {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory TOKENS = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build()).build();
    private static final int MAX_ID_PROBE = 1 << 20;

    private Offers() {}

    /**
     * JSONL from a file or stdin; {@code source} names it in origins, e.g. {@code file events.jsonl}.
     * Lines are read with the CSV reader's line rules (LF or CR LF, a line over
     * {@link CsvReader#MAX_ROW_CHARS} cut and dead-lettered with its length and hash), one field per line.
     */
    public static Iterator<Offer> jsonLines(Reader in, String source) {
        CsvReader lines = new CsvReader(in, '\u0000', false);
        return new Lazy<>() {
            @Override
            protected Offer advance() {
                while (lines.hasNext()) {
                    CsvReader.Row row = lines.next();
                    String where = "line " + row.line();
                    if (row.oversize() != null) {
                        return Offer.unreadable(row.line(), where, source + " " + where,
                                row.raw().getBytes(StandardCharsets.UTF_8), new Violation(null, row.oversize()));
                    }
                    if (!row.raw().isBlank()) {
                        return jsonOffer(row.raw(), row.line(), where, source + " " + where);
                    }
                }
                return null;
            }
        };
    }

    /**
     * A request body: a JSON array of events, or JSONL. Each element keeps its own text as
     * its original bytes. A body that is not valid JSON at all becomes one rejected offer.
     */
    public static List<Offer> jsonBody(String body, String origin) {
        return jsonBody(Utf8Body.of(body), origin);
    }

    /**
     * As {@link #jsonBody(String, String)}, from a body as sent: a record holding bytes that are
     * not UTF-8 is rejected on its own, with its bytes as sent.
     */
    public static List<Offer> jsonBody(Utf8Body utf8, String origin) {
        String body = utf8.text();
        String trimmed = body.stripLeading();
        if (!trimmed.startsWith("[")) {
            List<Offer> out = new ArrayList<>();
            int n = 0;
            for (int start = 0; start < body.length(); ) {
                int newline = body.indexOf('\n', start);
                int next = newline < 0 ? body.length() : newline + 1;
                int end = newline < 0 ? body.length() : newline > start && body.charAt(newline - 1) == '\r' ? newline - 1 : newline;
                if (!body.substring(start, end).isBlank()) {
                    n++;
                    out.add(bodyOffer(utf8, start, end, n, origin));
                }
                start = next;
            }
            return out;
        }
        List<Offer> out = new ArrayList<>();
        // Tokenising keeps no stack, so it may go as deep as a body does; each element is then parsed
        // on its own with the ordinary limits: a pathological element (nested 10,000 deep, say) is one
        // rejected record, and the records around it go on.
        try (JsonParser p = TOKENS.createParser(body)) {
            p.nextToken(); // START_ARRAY
            int n = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                n++;
                int start = (int) p.currentTokenLocation().getCharOffset();
                for (int depth = t.isStructStart() ? 1 : 0; depth > 0; ) {
                    JsonToken inner = p.nextToken();
                    if (inner == null) {
                        throw new IOException("the array is not closed with ]");
                    }
                    depth += inner.isStructStart() ? 1 : inner.isStructEnd() ? -1 : 0;
                }
                int end = (int) p.currentLocation().getCharOffset();
                out.add(bodyOffer(utf8, start, Math.min(end, body.length()), n, origin));
            }
            if (t == null) {
                throw new IOException("the array is not closed with ]");
            }
        } catch (IOException e) {
            // The body is broken JSON: keep it whole, nothing in it can be trusted record by record.
            out.clear();
            out.add(Offer.unreadable(1, "body", origin, utf8.bytes(0, body.length()),
                    new Violation(null, "not a valid JSON array: " + e.getMessage().lines().findFirst().orElse(""))));
        }
        return out;
    }

    /** Record {@code index} of a body, the characters {@code [start, end)} of its text. */
    private static Offer bodyOffer(Utf8Body utf8, int start, int end, int index, String origin) {
        String where = "record " + index;
        String invalid = utf8.invalidIn(start, end);
        if (invalid != null) {
            return Offer.unreadable(index, where, origin + " " + where, utf8.bytes(start, end), new Violation(null, invalid));
        }
        return jsonOffer(utf8.text().substring(start, end), index, where, origin + " " + where);
    }

    /**
     * The {@code eventId} of a record that could not be read as an event, when its text is a
     * JSON object with a string {@code eventId} (e.g. one with an unknown field); else null.
     */
    public static String readableEventId(byte[] original) {
        if (original == null || original.length > MAX_ID_PROBE) {
            return null;
        }
        try {
            // Decoded leniently: a record refused for a byte that is not UTF-8 still names its eventId.
            JsonNode node = MAPPER.readTree(new String(original, StandardCharsets.UTF_8));
            JsonNode id = node == null ? null : node.get("eventId");
            return id != null && id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** Canonical CSV with a header row; a bad header fails the whole input with {@link IllegalArgumentException}. */
    public static Iterator<Offer> csv(Reader in, String source) {
        CsvReader rows = CsvReader.csv(in);
        if (!rows.hasNext()) {
            return List.<Offer>of().iterator();
        }
        EventCsv codec = EventCsv.forHeader(rows.next().fields());
        return perRow(rows, source, codec::parse);
    }

    private static Offer jsonOffer(String text, int index, String where, String origin) {
        byte[] original = text.getBytes(StandardCharsets.UTF_8);
        try {
            return Offer.of(index, where, origin, original, EventJson.parse(text));
        } catch (EventFormatException e) {
            return Offer.unreadable(index, where, origin, original, e.violation());
        }
    }

    /**
     * As {@link #csv(Reader, String)}, from a body as sent: a row holding bytes that are not UTF-8 is rejected on
     * its own, with its bytes as sent.
     */
    public static Iterator<Offer> csv(Utf8Body body, String source) {
        Iterator<Offer> rows = csv(new StringReader(body.text()), source);
        if (!body.hasInvalid()) {
            return rows;
        }
        return new Lazy<>() {
            @Override
            protected Offer advance() {
                if (!rows.hasNext()) {
                    return null;
                }
                Offer row = rows.next();
                int newlines = 0;
                for (byte b : row.original()) {
                    newlines += b == '\n' ? 1 : 0;
                }
                int[] span = body.lines(row.index(), row.index() + newlines);
                String invalid = body.invalidIn(span[0], span[1]);
                return invalid == null ? row : Offer.unreadable(row.index(), row.where(), row.origin(),
                        body.bytes(span[0], span[1]), new Violation(null, invalid));
            }
        };
    }

    /** Turns the cells of one row into an event, or says which field is wrong. */
    @FunctionalInterface
    public interface RowParser {
        Event parse(List<String> fields) throws EventFormatException;
    }

    /** One offer per row, each keeping its line and original bytes, parsed lazily by {@code parser}. */
    public static Iterator<Offer> perRow(Iterator<CsvReader.Row> rows, String source, RowParser parser) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Offer next() {
                CsvReader.Row row = rows.next();
                String where = "line " + row.line();
                byte[] original = row.raw().getBytes(StandardCharsets.UTF_8);
                if (row.oversize() != null) {
                    return Offer.unreadable(row.line(), where, source + " " + where, original, new Violation(null, row.oversize()));
                }
                try {
                    return Offer.of(row.line(), where, source + " " + where, original, parser.parse(row.fields()));
                } catch (EventFormatException e) {
                    return Offer.unreadable(row.line(), where, source + " " + where, original, e.violation());
                }
            }
        };
    }
}
