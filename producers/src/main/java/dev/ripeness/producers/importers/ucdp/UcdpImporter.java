package dev.ripeness.producers.importers.ucdp;

import dev.ripeness.producers.event.CsvReader;
import dev.ripeness.producers.event.Violation;
import dev.ripeness.producers.feed.Offer;
import dev.ripeness.producers.importers.ImportContext;
import dev.ripeness.producers.importers.Importer;
import dev.ripeness.producers.importers.RowRejected;
import dev.ripeness.schema.Event;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * UCDP GED CSV, mapped by header name (the column order changed between releases). A file
 * without a header row (candidate 24.0.1) is read in the current 49-column order.
 * {@code eventId = ucdp:<id>}; {@code actor}/{@code target} from {@code side_a}/{@code side_b};
 * {@code casualties = best}; {@code knownSince} = the earliest {@code source_date} (UCDP has no
 * per-row publication time).
 */
public final class UcdpImporter implements Importer {

    /** The current GED layout (49 columns), used when a file has no header row. */
    public static final List<String> COLUMNS = List.of("id", "relid", "year", "active_year", "code_status",
            "type_of_violence", "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
            "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
            "number_of_sources", "source_article", "source_office", "source_date", "source_headline", "source_original",
            "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
            "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start", "date_end",
            "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob");

    private static final List<String> NEEDED = List.of("id", "type_of_violence", "side_a", "side_b", "date_start", "best");

    private final ImportContext context;

    public UcdpImporter(ImportContext context) {
        this.context = context;
    }

    @Override
    public Iterator<Offer> read(Reader in, String source) {
        CsvReader rows = CsvReader.csv(in);
        if (!rows.hasNext()) {
            return List.<Offer>of().iterator();
        }
        CsvReader.Row first = rows.next();
        boolean hasHeader = first.fields().stream().map(String::strip).anyMatch(c -> c.equals("id"));
        List<String> header = hasHeader ? first.fields().stream().map(String::strip).toList() : COLUMNS;
        for (String c : NEEDED) {
            if (!header.contains(c)) {
                throw new IllegalArgumentException(source + ": header lacks UCDP GED column `" + c + "`");
            }
        }
        return new Iterator<>() {
            private CsvReader.Row pending = hasHeader ? null : first;

            @Override
            public boolean hasNext() {
                return pending != null || rows.hasNext();
            }

            @Override
            public Offer next() {
                CsvReader.Row row = pending != null ? pending : rows.next();
                pending = null;
                String where = "line " + row.line();
                byte[] original = row.raw().getBytes(StandardCharsets.UTF_8);
                try {
                    if (row.fields().size() != header.size()) {
                        throw new RowRejected(null, "has " + row.fields().size() + " cells, the "
                                + (hasHeader ? "header has " : "headerless GED layout has ") + header.size());
                    }
                    Map<String, String> v = new HashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        v.put(header.get(i), row.fields().get(i).strip());
                    }
                    return Offer.of(row.line(), where, source + " " + where, original, event(v));
                } catch (RowRejected r) {
                    return Offer.unreadable(row.line(), where, source + " " + where, original, new Violation(r.field(), r.getMessage()));
                }
            }
        };
    }

    private Event event(Map<String, String> v) throws RowRejected {
        String id = v.get("id");
        if (id.isEmpty()) {
            throw new RowRejected("id", "is empty");
        }
        String violence = v.get("type_of_violence");
        String type = context.mapping().get("type", "type_of_violence " + violence).orElseThrow(() -> new RowRejected(
                "type_of_violence", "`" + violence + "` has no mapping; add `type:type_of_violence " + violence + " = <TYPE>` to a --mapping file"));
        String actor = context.actor(v.get("side_a")).orElseThrow(() -> new RowRejected("side_a", "`" + v.get("side_a")
                + "` is not an actor of " + context.conflict().id() + "; add an alias or `actor:" + v.get("side_a") + " = <CODE>` to a --mapping file"));
        String target = context.actor(v.get("side_b")).filter(t -> !t.equals(actor)).orElse(null);
        String date = day(v.get("date_start"), "date_start");
        String knownSince = Arrays.stream(v.getOrDefault("source_date", "").split(";"))
                .map(String::strip).filter(s -> s.length() >= 10).map(s -> s.substring(0, 10)).sorted().findFirst()
                .orElse(day(v.getOrDefault("date_end", v.get("date_start")), "date_end"));
        long best;
        try {
            best = Long.parseLong(v.get("best"));
        } catch (NumberFormatException e) {
            throw new RowRejected("best", "`" + v.get("best") + "` is not a whole number");
        }
        String clarity = v.getOrDefault("event_clarity", "");
        return Event.newBuilder()
                .setEventId("ucdp:" + id)
                .setDate(date)
                .setConflict(context.conflict().id())
                .setActor(actor)
                .setTarget(target)
                .setType(type)
                .setFront(context.front(v.get("adm_1")))
                .setCasualties(best)
                .setSources(List.of("UCDP GED " + id, v.getOrDefault("source_article", "").isEmpty() ? "UCDP GED" : v.get("source_article")))
                .setConfidence(context.mapping().number("confidence", "event_clarity " + clarity, 0.6))
                .setDescription(v.getOrDefault("dyad_name", "") + " at " + v.getOrDefault("where_description", "")
                        + ": deaths side a " + v.getOrDefault("deaths_a", "?") + ", side b " + v.getOrDefault("deaths_b", "?")
                        + ", civilians " + v.getOrDefault("deaths_civilians", "?") + ", unknown " + v.getOrDefault("deaths_unknown", "?")
                        + " (best " + best + ", low " + v.getOrDefault("low", "?") + ", high " + v.getOrDefault("high", "?") + ")")
                .setUpstreamId("ucdp:" + id)
                .setKnownSince(LocalDate.parse(knownSince).atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                .build();
    }

    private static String day(String text, String field) throws RowRejected {
        if (text == null || text.length() < 10) {
            throw new RowRejected(field, "`" + text + "` is not a date YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(text.substring(0, 10)).toString();
        } catch (DateTimeParseException e) {
            throw new RowRejected(field, "`" + text + "` is not a date YYYY-MM-DD");
        }
    }
}
