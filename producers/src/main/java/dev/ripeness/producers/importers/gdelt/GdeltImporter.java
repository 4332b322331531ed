package dev.ripeness.producers.importers.gdelt;

import dev.ripeness.producers.event.CsvReader;
import dev.ripeness.producers.feed.EventLogIndex;
import dev.ripeness.producers.feed.Offer;
import dev.ripeness.producers.importers.ImportContext;
import dev.ripeness.producers.importers.Importer;
import dev.ripeness.producers.importers.RowFiltered;
import dev.ripeness.producers.importers.RowRejected;
import dev.ripeness.producers.importers.UpstreamRow;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.Location;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * GDELT 2.0 events exports: tab-separated, 61 columns, no header. CAMEO codes stay strings
 * (leading zeros matter); {@code QuadClass} is read from each record, never derived. The event
 * type comes from the mapping table: the full {@code EventCode} first, then {@code EventBaseCode},
 * then {@code EventRootCode}, then the record's {@code QuadClass}.
 *
 * <p>Scope: a row is kept when both its actors belong to the conflict and are different
 * actors: with {@code upstream.gdeltActorCodes} set, by {@code Actor1CountryCode} and
 * {@code Actor2CountryCode} among those codes; without, by actor code, name or country through
 * the conflict's aliases. With {@code upstream.gdeltActionCountries}, a row whose
 * {@code ActionGeo_CountryCode} is listed is also kept when its first actor belongs (its target
 * then only when it is another actor of the conflict). Other rows are filtered (machine-coded
 * news of everything else).
 *
 * <p>Daily aggregation, so that coding volume cannot swamp the model: kept rows are merged into
 * one event per day ({@code SQLDATE}), actor, target and event type, emitted at the end of the
 * input, with the row count, CAMEO codes, QuadClass, mean Goldstein and mentions in its
 * description and {@code intensity} = mean |Goldstein| / 10. Each merged row is counted as
 * filtered ("merged into a daily aggregate"). {@code upstreamId = gdelt:<day>:<actor>-<target>:<type>}
 * and {@code eventId = <upstreamId>@<h>} where {@code h} hashes the batch's {@code GLOBALEVENTID}s.
 * Across files (GDELT publishes one every 15 minutes) the day stays one event: when the log
 * already holds that day's aggregate, the new one {@code corrects} it and adds its row count; a
 * batch already merged (the same file fed again) gives the same event back, a duplicate.
 * {@code knownSince} = the latest {@code DATEADDED} merged.
 */
public final class GdeltImporter implements Importer {

    /** 0-based positions of the columns the importer reads (docs/importers.md). */
    static final int GLOBALEVENTID = 0, SQLDATE = 1, ACTOR1_CODE = 5, ACTOR1_NAME = 6, ACTOR1_COUNTRY = 7,
            ACTOR2_CODE = 15, ACTOR2_NAME = 16, ACTOR2_COUNTRY = 17, EVENT_CODE = 26, EVENT_BASE_CODE = 27,
            EVENT_ROOT_CODE = 28, QUAD_CLASS = 29, GOLDSTEIN = 30, NUM_MENTIONS = 31, NUM_SOURCES = 32,
            ACTION_GEO_TYPE = 51, ACTION_GEO_NAME = 52, ACTION_GEO_COUNTRY = 53, ACTION_GEO_ADM1 = 54, ACTION_GEO_LAT = 56,
            ACTION_GEO_LONG = 57, DATEADDED = 59, SOURCEURL = 60;
    /** Columns in a GDELT 2.0 event record. */
    public static final int COLUMNS = 61;
    /** Rows of an aggregate whose raw text is kept as its original bytes. */
    static final int KEPT_ROWS = 20;

    private static final DateTimeFormatter SQL_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter DATE_ADDED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final ImportContext context;

    public GdeltImporter(ImportContext context) {
        this.context = context;
    }

    /** One kept row, before merging. */
    private record Coded(String date, String actor, String target, String type, String id, String code, String root,
                         String quad, Double goldstein, long mentions, Instant added, String url, String place, String adm1,
                         Location location) {}

    /** One day's merged rows of an actor pair and type. */
    private static final class Aggregate {
        final Coded first;
        final int line;
        final List<String> ids = new ArrayList<>();
        final Map<String, Integer> codes = new TreeMap<>();
        final Set<String> quads = new TreeSet<>();
        final Set<String> places = new LinkedHashSet<>();
        final Set<String> urls = new LinkedHashSet<>();
        final StringBuilder raw = new StringBuilder();
        int rows;
        int keptRows;
        double goldsteinSum;
        int goldsteinCount;
        long mentions;
        Instant added;
        /** The rows' common ActionGeo point; null once a row has none or another one (no point stands for them all). */
        Location location;

        Aggregate(Coded first, int line) {
            this.first = first;
            this.line = line;
            this.added = first.added();
            this.location = first.location();
        }

        void add(Coded c, String rawRow) {
            rows++;
            ids.add(c.id());
            codes.merge(c.code(), 1, Integer::sum);
            quads.add(c.quad());
            if (places.size() < 3 && !c.place().isEmpty()) {
                places.add(c.place());
            }
            if (urls.size() < 3 && !c.url().isEmpty()) {
                urls.add(c.url());
            }
            if (c.goldstein() != null) {
                goldsteinSum += c.goldstein();
                goldsteinCount++;
            }
            mentions += c.mentions();
            if (location != null && !location.equals(c.location())) {
                location = null;
            }
            if (c.added().isAfter(added)) {
                added = c.added();
            }
            if (keptRows < KEPT_ROWS) {
                raw.append(keptRows == 0 ? "" : "\n").append(rawRow);
                keptRows++;
            }
        }
    }

    @Override
    public Iterator<Offer> read(Reader in, String source) {
        CsvReader rows = new CsvReader(in, '\t', false);
        Map<String, Aggregate> days = new LinkedHashMap<>();
        return new Iterator<>() {
            private Iterator<Aggregate> merged;

            @Override
            public boolean hasNext() {
                if (rows.hasNext()) {
                    return true;
                }
                if (merged == null) {
                    merged = days.values().iterator();
                }
                return merged.hasNext();
            }

            @Override
            public Offer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (merged != null) {
                    return aggregate(merged.next(), source);
                }
                CsvReader.Row row = rows.next();
                return UpstreamRow.offer(row, source, r -> {
                    Coded c = coded(r.fields());
                    String key = c.date() + ":" + c.actor() + "-" + (c.target() == null ? "none" : c.target()) + ":" + c.type();
                    days.computeIfAbsent(key, k -> new Aggregate(c, r.line())).add(c, r.raw());
                    throw new RowFiltered("merged into a daily aggregate (one event per day, actor pair and type)", key);
                });
            }
        };
    }

    /** Marks, in an aggregate's sources, its total row count and each batch of rows merged into it. */
    static final String RECORDS = "GDELT 2.0 records ", BATCH = "GDELT 2.0 batch ";

    private Offer aggregate(Aggregate a, String source) {
        Coded f = a.first;
        List<String> sorted = new ArrayList<>(a.ids);
        Collections.sort(sorted);
        String batch = Integer.toHexString(String.join(",", sorted).hashCode());
        String target = f.target() == null ? "none" : f.target();
        String upstreamId = "gdelt:" + f.date() + ":" + f.actor() + "-" + target + ":" + f.type();
        String where = "line " + a.line + (a.rows > 1 ? " (+" + (a.rows - 1) + " merged rows)" : "");
        byte[] original = a.raw.toString().getBytes(StandardCharsets.UTF_8);
        Event previous = context.log().latest(context.conflict().id(), upstreamId).map(EventLogIndex.UpstreamVersion::event).orElse(null);
        if (previous != null && previous.getSources().contains(BATCH + batch)) {
            // These very rows are already in the day's event (the file was fed before): the same event again, a duplicate.
            return Offer.of(a.line, where, source + " " + where, original, previous);
        }
        long earlier = previous == null ? 0 : previous.getSources().stream().filter(x -> x.startsWith(RECORDS))
                .mapToLong(x -> Long.parseLong(x.substring(RECORDS.length()))).findFirst().orElse(0);
        long total = earlier + a.rows;
        Double meanGoldstein = a.goldsteinCount == 0 ? null : a.goldsteinSum / a.goldsteinCount;
        Double intensity = meanGoldstein == null ? null : Math.min(1.0, Math.abs(meanGoldstein) / 10.0);
        if (previous != null && previous.getIntensity() != null) {
            // Weighted by rows: |mean Goldstein| of the batches, not of all rows; close enough for an intensity.
            intensity = intensity == null ? previous.getIntensity() : (previous.getIntensity() * earlier + intensity * a.rows) / total;
        }
        List<String> sources = new ArrayList<>();
        sources.add(RECORDS + total);
        if (previous != null) {
            previous.getSources().stream().filter(x -> x.startsWith(BATCH)).forEach(sources::add);
        }
        sources.add(BATCH + batch);
        sources.add("GDELT 2.0 events " + (sorted.size() == 1 ? sorted.get(0) : sorted.get(0) + "…" + sorted.get(sorted.size() - 1)
                + " (" + sorted.size() + ")"));
        sources.addAll(a.urls);
        String codes = a.codes.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(", "));
        Instant knownSince = previous == null || a.added.isAfter(Instant.parse(previous.getKnownSince()))
                ? a.added : Instant.parse(previous.getKnownSince());
        Event e = Event.newBuilder()
                .setEventId(upstreamId + "@" + batch)
                .setDate(f.date())
                .setConflict(context.conflict().id())
                .setActor(f.actor())
                .setTarget(f.target())
                .setType(f.type())
                .setFront(context.front(f.adm1()))
                .setIntensity(intensity)
                .setSources(sources)
                .setConfidence(context.mapping().number("confidence", "default", 0.3))
                .setDescription(total + " GDELT 2.0 record" + (total == 1 ? "" : "s") + " " + f.actor() + " -> " + target
                        + (previous == null ? "" : " (" + earlier + " in earlier files)")
                        + ": CAMEO " + codes + " (QuadClass " + String.join("/", a.quads) + ", mean Goldstein "
                        + (meanGoldstein == null ? "?" : String.format(java.util.Locale.ROOT, "%.1f", meanGoldstein))
                        + ", " + a.mentions + " mentions) at " + String.join("; ", a.places))
                .setUpstreamId(upstreamId)
                .setCorrects(previous == null ? null : previous.getEventId())
                .setKnownSince(knownSince.toString())
                .setLocation(previous == null || java.util.Objects.equals(previous.getLocation(), a.location) ? a.location : null)
                .build();
        return Offer.of(a.line, where, source + " " + where, original, e);
    }

    private Coded coded(List<String> f) throws RowRejected, RowFiltered {
        if (f.size() != COLUMNS) {
            throw new RowRejected(null, "has " + f.size() + " tab-separated columns; a GDELT 2.0 event record has " + COLUMNS
                    + " (GDELT 1.0 files have 57 or 58)");
        }
        String id = f.get(GLOBALEVENTID);
        String code = f.get(EVENT_CODE);
        String quad = f.get(QUAD_CLASS);
        if (!quad.matches("[1-4]")) {
            throw new RowRejected("QuadClass", "`" + quad + "` is not 1..4");
        }
        String actor = side(f, ACTOR1_CODE, ACTOR1_NAME, ACTOR1_COUNTRY);
        String target = side(f, ACTOR2_CODE, ACTOR2_NAME, ACTOR2_COUNTRY);
        boolean pair = actor != null && target != null && !actor.equals(target);
        boolean place = actor != null && context.conflict().upstream().gdeltActionCountries().contains(f.get(ACTION_GEO_COUNTRY));
        if (!pair && place) {
            target = target != null && !target.equals(actor) ? target : null; // kept by where it happened; the target may be anyone
        } else if (!pair) {
            throw new RowFiltered("actor pair outside " + context.conflict().id() + " (upstream.gdeltActorCodes)",
                    pair(f.get(ACTOR1_COUNTRY), f.get(ACTOR1_CODE)) + "–" + pair(f.get(ACTOR2_COUNTRY), f.get(ACTOR2_CODE)));
        }
        String type = context.mapping().get("type", code)
                .or(() -> context.mapping().get("type", f.get(EVENT_BASE_CODE)))
                .or(() -> context.mapping().get("type", f.get(EVENT_ROOT_CODE)))
                .or(() -> context.mapping().get("quadclass", quad))
                .orElseThrow(() -> new RowRejected("EventCode", "CAMEO `" + code + "` (QuadClass " + quad
                        + ") has no event-type mapping; add `type:" + code + " = <TYPE>` to a --mapping file"));
        String date;
        Instant added;
        try {
            date = LocalDate.parse(f.get(SQLDATE), SQL_DATE).toString();
        } catch (DateTimeParseException e) {
            throw new RowRejected("SQLDATE", "`" + f.get(SQLDATE) + "` is not a YYYYMMDD date");
        }
        try {
            added = LocalDateTime.parse(f.get(DATEADDED), DATE_ADDED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new RowRejected("DATEADDED", "`" + f.get(DATEADDED) + "` is not YYYYMMDDHHMMSS");
        }
        Double goldstein = null;
        if (!f.get(GOLDSTEIN).isEmpty()) {
            try {
                goldstein = Double.parseDouble(f.get(GOLDSTEIN));
            } catch (NumberFormatException e) {
                throw new RowRejected("GoldsteinScale", "`" + f.get(GOLDSTEIN) + "` is not a number");
            }
        }
        long mentions = f.get(NUM_MENTIONS).matches("\\d+") ? Long.parseLong(f.get(NUM_MENTIONS)) : 0;
        Location location = context.location("ActionGeo_Lat", f.get(ACTION_GEO_LAT), "ActionGeo_Long", f.get(ACTION_GEO_LONG),
                f.get(ACTION_GEO_NAME), "ActionGeo_Type " + f.get(ACTION_GEO_TYPE));
        return new Coded(date, actor, target, type, id, code, f.get(EVENT_ROOT_CODE), quad, goldstein, mentions, added,
                f.get(SOURCEURL), f.get(ACTION_GEO_NAME), f.get(ACTION_GEO_ADM1), location);
    }

    private static String pair(String country, String code) {
        return !country.isEmpty() ? country : code.isEmpty() ? "(none)" : code;
    }

    /** The conflict actor one GDELT actor stands for, or null. */
    private String side(List<String> f, int code, int name, int country) {
        List<String> codes = context.conflict().upstream().gdeltActorCodes();
        if (!codes.isEmpty()) {
            String c = f.get(country);
            return codes.contains(c) ? context.actor(c).orElse(null) : null;
        }
        for (int column : new int[] {code, name, country}) {
            Optional<String> a = context.actor(f.get(column));
            if (a.isPresent()) {
                return a.get();
            }
        }
        return null;
    }
}
