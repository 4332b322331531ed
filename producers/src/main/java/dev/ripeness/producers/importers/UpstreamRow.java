package dev.ripeness.producers.importers;

import dev.ripeness.producers.event.CsvReader;
import dev.ripeness.event.Violation;
import dev.ripeness.producers.feed.Offer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of an upstream CSV by column name, matched case-insensitively and ignoring
 * surrounding blanks, so that every release's column order and capitalisation read alike.
 */
public final class UpstreamRow {

    private final Map<String, String> values;

    private UpstreamRow(Map<String, String> values) {
        this.values = values;
    }

    /** The header cells as lower-case, stripped names (the form {@link #of} expects). */
    public static List<String> header(List<String> cells) {
        return cells.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** Pairs {@code header} (from {@link #header}) with the cells of one row of the same length. */
    public static UpstreamRow of(List<String> header, List<String> cells) {
        Map<String, String> v = new HashMap<>(header.size() * 2);
        for (int i = 0; i < header.size(); i++) {
            v.putIfAbsent(header.get(i), cells.get(i).strip());
        }
        return new UpstreamRow(v);
    }

    /** A row from named values (a JSON record), names matched case-insensitively; null values read as empty. */
    public static UpstreamRow ofNames(Map<String, String> named) {
        Map<String, String> v = new HashMap<>(named.size() * 2);
        named.forEach((k, value) -> v.putIfAbsent(k.strip().toLowerCase(Locale.ROOT), value == null ? "" : value.strip()));
        return new UpstreamRow(v);
    }

    /** The first present and non-empty value among {@code names}, or {@code ""}. */
    public String get(String... names) {
        for (String n : names) {
            String s = values.get(n);
            if (s != null && !s.isEmpty()) {
                return s;
            }
        }
        return "";
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of {@code name}, rejected as empty when it is. */
    public String require(String name) throws RowRejected {
        String s = get(name);
        if (s.isEmpty()) {
            throw new RowRejected(name, "is empty");
        }
        return s;
    }

    /** Turns a parse of one row into an offer: accepted, filtered with its reason, or rejected with its field. */
    @FunctionalInterface
    public interface Mapper {
        dev.ripeness.schema.Event map(CsvReader.Row row) throws RowRejected, RowFiltered;
    }

    /** The offer for {@code row}: a cut (oversized) row or a failed mapping is rejected, a filtered one counted. */
    public static Offer offer(CsvReader.Row row, String source, Mapper mapper) {
        String where = "line " + row.line();
        String origin = source + " " + where;
        byte[] original = row.raw().getBytes(StandardCharsets.UTF_8);
        if (row.oversize() != null) {
            return Offer.unreadable(row.line(), where, origin, original, new Violation(null, row.oversize()));
        }
        try {
            return Offer.of(row.line(), where, origin, original, mapper.map(row));
        } catch (RowRejected r) {
            return Offer.unreadable(row.line(), where, origin, original, new Violation(r.field(), r.getMessage()));
        } catch (RowFiltered f) {
            return Offer.filtered(row.line(), where, origin, original, f.getMessage());
        }
    }
}
