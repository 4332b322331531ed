package dev.ripeness.producers.importers.ucdp;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.producers.event.CsvReader;
import dev.ripeness.producers.feed.Offer;
import dev.ripeness.producers.importers.FormatDetector;
import dev.ripeness.producers.importers.ImportContext;
import dev.ripeness.producers.importers.Importer;
import dev.ripeness.producers.importers.RowFiltered;
import dev.ripeness.producers.importers.RowRejected;
import dev.ripeness.producers.importers.UpstreamDates;
import dev.ripeness.producers.importers.UpstreamRow;
import dev.ripeness.schema.Event;
import java.io.Reader;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * UCDP GED and GED Candidate CSV, mapped by header name case-insensitively (the column order
 * changed between releases). A file without a header row (candidate 24.0.1) is read in the
 * current 49-column order. Dates may carry a time or have been through a spreadsheet
 * ({@code 1/22/2014 12:00:00 AM}).
 *
 * <p>Scope: a row in a {@code country} outside {@code upstream.countries} is filtered; when the
 * conflict names {@code upstream.ucdpConflictIds} (or {@code ucdpDyadIds}), so is a row of another
 * {@code conflict_new_id} (or {@code dyad_new_id}). Without ids, a state-based or non-state row is
 * kept only when both sides are actors of the conflict, and one-sided violence (type 3) only when
 * its perpetrator is a belligerent acting outside its own country ({@code gwnoa} ≠
 * {@code country_id}): a government's violence at home, such as the Maidan killings of February
 * 2014, is another matter than the war. {@code side_a}/{@code side_b} are the sides of a dyad by UCDP convention
 * (the government is side a), not initiator and target: a clash is an {@code ARMED_CLASH} between
 * both, its description says so, and {@code casualties = best} with low and high kept in the
 * description. {@code eventId = ucdp:<id>}; {@code knownSince} = the earliest {@code source_date}.
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
    private final UpstreamDates dates = new UpstreamDates();

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
        List<String> firstCells = UpstreamRow.header(first.fields());
        boolean hasHeader = firstCells.contains("id");
        List<String> header = hasHeader ? firstCells : COLUMNS;
        for (String c : NEEDED) {
            if (!header.contains(c)) {
                throw new IllegalArgumentException(source + ": header lacks UCDP GED column `" + c + "`" + FormatDetector.hint(header));
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
                return UpstreamRow.offer(row, source, r -> {
                    if (r.fields().size() != header.size()) {
                        throw new RowRejected(null, "has " + r.fields().size() + " cells, the "
                                + (hasHeader ? "header has " : "headerless GED layout has ") + header.size());
                    }
                    return event(UpstreamRow.of(header, r.fields()));
                });
            }
        };
    }

    private Event event(UpstreamRow v) throws RowRejected, RowFiltered {
        String id = v.require("id");
        String violence = v.require("type_of_violence");
        ConflictConfig.Upstream scope = context.conflict().upstream();
        String conflictId = v.get("conflict_new_id");
        String dyadId = v.get("dyad_new_id");
        String name = v.get("conflict_name");
        String country = v.get("country");
        if (!scope.countries().isEmpty() && !country.isEmpty() && scope.countries().stream().noneMatch(country::equalsIgnoreCase)) {
            throw new RowFiltered("country outside " + context.conflict().id() + " (upstream.countries)", country);
        }
        boolean byIds = !scope.ucdpConflictIds().isEmpty() || !scope.ucdpDyadIds().isEmpty();
        if (!scope.ucdpConflictIds().isEmpty() && scope.ucdpConflictIds().stream().noneMatch(c -> String.valueOf(c).equals(conflictId))) {
            throw new RowFiltered("conflict_new_id outside " + context.conflict().id() + " (upstream.ucdpConflictIds)", conflictId + " " + name);
        }
        if (!scope.ucdpDyadIds().isEmpty() && scope.ucdpDyadIds().stream().noneMatch(c -> String.valueOf(c).equals(dyadId))) {
            throw new RowFiltered("dyad_new_id outside " + context.conflict().id() + " (upstream.ucdpDyadIds)", dyadId + " " + v.get("dyad_name"));
        }
        String type = context.mapping().get("type", "type_of_violence " + violence).orElseThrow(() -> new RowRejected(
                "type_of_violence", "`" + violence + "` has no mapping; add `type:type_of_violence " + violence + " = <TYPE>` to a --mapping file"));
        String sideA = v.get("side_a");
        String sideB = v.get("side_b");
        String actor = context.actor(sideA).orElseThrow(() -> new RowFiltered("side_a is not an actor of " + context.conflict().id()
                + " (add an alias to the conflict file if it is)", sideA));
        String other = context.actor(sideB).filter(t -> !t.equals(actor)).orElse(null);
        boolean belligerent = context.conflict().actor(actor).map(a -> a.role() == ConflictConfig.Role.BELLIGERENT).orElse(false);
        boolean abroad = !v.get("gwnoa").isEmpty() && !v.get("gwnoa").equals(v.get("country_id"));
        if (!byIds && "3".equals(violence) && !(belligerent && abroad)) {
            throw new RowFiltered("one-sided violence not by a belligerent abroad (list the conflict's upstream.ucdpConflictIds to keep it)",
                    sideA + " on " + sideB + " in " + country);
        }
        if (!byIds && !"3".equals(violence) && other == null) {
            throw new RowFiltered("side_b is not the other side of " + context.conflict().id()
                    + " (add an alias to the conflict file if it is)", sideB);
        }
        String date = dates.day(v.get("date_start"), "date_start").toString();
        List<String> sourceDays = new ArrayList<>();
        for (String s : v.get("source_date").split(";")) {
            if (!s.isBlank()) {
                try {
                    sourceDays.add(dates.day(s.strip(), "source_date").toString());
                } catch (RowRejected unreadable) {
                    // a malformed source date among several does not decide knownSince
                }
            }
        }
        String knownSince = sourceDays.stream().sorted().findFirst()
                .orElse(dates.day(v.get("date_end", "date_start"), "date_end").toString());
        long best;
        try {
            best = Long.parseLong(v.get("best"));
        } catch (NumberFormatException e) {
            throw new RowRejected("best", "`" + v.get("best") + "` is not a whole number");
        }
        String clarity = v.get("event_clarity");
        String sides = "3".equals(violence) ? sideA + " against " + sideB : "sides " + sideA + " and " + sideB + " (UCDP sides, not initiator and target)";
        return Event.newBuilder()
                .setEventId("ucdp:" + id)
                .setDate(date)
                .setConflict(context.conflict().id())
                .setActor(actor)
                .setTarget(other)
                .setType(type)
                .setFront(context.front(v.get("adm_1")))
                .setCasualties(best)
                .setSources(List.of("UCDP GED " + id, v.get("source_article").isEmpty() ? "UCDP GED" : v.get("source_article")))
                .setConfidence(context.mapping().number("confidence", "event_clarity " + clarity, 0.6))
                .setDescription(v.get("dyad_name") + " at " + v.get("where_description") + ": " + sides
                        + "; deaths side a " + orUnknown(v.get("deaths_a")) + ", side b " + orUnknown(v.get("deaths_b"))
                        + ", civilians " + orUnknown(v.get("deaths_civilians")) + ", unknown " + orUnknown(v.get("deaths_unknown"))
                        + " (best " + best + ", low " + orUnknown(v.get("low")) + ", high " + orUnknown(v.get("high")) + ")"
                        + (conflictId.isEmpty() ? "" : "; UCDP conflict " + conflictId + " " + name))
                .setUpstreamId("ucdp:" + id)
                .setKnownSince(java.time.LocalDate.parse(knownSince).atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                .setLocation(context.location("latitude", v.get("latitude"), "longitude", v.get("longitude"),
                        v.get("where_coordinates"), "where_prec " + v.get("where_prec")))
                .build();
    }

    private static String orUnknown(String s) {
        return s.isEmpty() ? "?" : s;
    }
}
