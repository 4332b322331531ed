package dev.ripeness.producers.importers.gdelt;

import dev.ripeness.producers.event.CsvReader;
import dev.ripeness.producers.event.EventFormatException;
import dev.ripeness.producers.feed.Offer;
import dev.ripeness.producers.feed.Offers;
import dev.ripeness.producers.importers.ImportContext;
import dev.ripeness.producers.importers.Importer;
import dev.ripeness.producers.importers.RowRejected;
import dev.ripeness.schema.Event;
import java.io.Reader;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * GDELT 2.0 events exports: tab-separated, 61 columns, no header. CAMEO codes stay strings
 * (leading zeros matter); {@code QuadClass} is read from each record, never derived.
 * {@code eventId = gdelt:<GLOBALEVENTID>}, {@code knownSince} = {@code DATEADDED} (UTC).
 * The event type comes from the mapping table: the full {@code EventCode} first, then
 * {@code EventBaseCode}, then {@code EventRootCode}, then the record's {@code QuadClass}.
 */
public final class GdeltImporter implements Importer {

    /** 0-based positions of the columns the importer reads (DATASETS.md §2 lists all 61). */
    static final int GLOBALEVENTID = 0, SQLDATE = 1, ACTOR1_CODE = 5, ACTOR1_NAME = 6, ACTOR1_COUNTRY = 7,
            ACTOR2_CODE = 15, ACTOR2_NAME = 16, ACTOR2_COUNTRY = 17, EVENT_CODE = 26, EVENT_BASE_CODE = 27,
            EVENT_ROOT_CODE = 28, QUAD_CLASS = 29, GOLDSTEIN = 30, NUM_SOURCES = 32, ACTION_GEO_NAME = 52,
            ACTION_GEO_ADM1 = 54, DATEADDED = 59, SOURCEURL = 60;
    /** Columns in a GDELT 2.0 event record. */
    public static final int COLUMNS = 61;

    private static final DateTimeFormatter SQL_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter DATE_ADDED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final ImportContext context;

    public GdeltImporter(ImportContext context) {
        this.context = context;
    }

    @Override
    public Iterator<Offer> read(Reader in, String source) {
        CsvReader rows = new CsvReader(in, '\t', false);
        return Offers.perRow(rows, source, fields -> {
            try {
                return event(fields);
            } catch (RowRejected r) {
                throw new EventFormatException(r.field(), r.getMessage());
            }
        });
    }

    private Event event(List<String> f) throws RowRejected {
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
        String type = context.mapping().get("type", code)
                .or(() -> context.mapping().get("type", f.get(EVENT_BASE_CODE)))
                .or(() -> context.mapping().get("type", f.get(EVENT_ROOT_CODE)))
                .or(() -> context.mapping().get("quadclass", quad))
                .orElseThrow(() -> new RowRejected("EventCode", "CAMEO `" + code + "` (QuadClass " + quad
                        + ") has no event-type mapping; add `type:" + code + " = <TYPE>` to a --mapping file"));
        String actor = firstActor(f, ACTOR1_CODE, ACTOR1_NAME, ACTOR1_COUNTRY)
                .orElseThrow(() -> new RowRejected("Actor1Code", "`" + f.get(ACTOR1_CODE) + "` / `" + f.get(ACTOR1_NAME)
                        + "` is not an actor of " + context.conflict().id() + "; add an alias or `actor:"
                        + f.get(ACTOR1_CODE) + " = <CODE>` to a --mapping file"));
        String target = firstActor(f, ACTOR2_CODE, ACTOR2_NAME, ACTOR2_COUNTRY).filter(t -> !t.equals(actor)).orElse(null);
        String date;
        String knownSince;
        try {
            date = LocalDate.parse(f.get(SQLDATE), SQL_DATE).toString();
        } catch (DateTimeParseException e) {
            throw new RowRejected("SQLDATE", "`" + f.get(SQLDATE) + "` is not a YYYYMMDD date");
        }
        try {
            knownSince = LocalDateTime.parse(f.get(DATEADDED), DATE_ADDED).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            throw new RowRejected("DATEADDED", "`" + f.get(DATEADDED) + "` is not YYYYMMDDHHMMSS");
        }
        Double intensity = null;
        String goldstein = f.get(GOLDSTEIN);
        if (!goldstein.isEmpty()) {
            try {
                intensity = Math.min(1.0, Math.abs(Double.parseDouble(goldstein)) / 10.0);
            } catch (NumberFormatException e) {
                throw new RowRejected("GoldsteinScale", "`" + goldstein + "` is not a number");
            }
        }
        List<String> sources = new ArrayList<>();
        sources.add("GDELT 2.0 event " + id);
        if (!f.get(SOURCEURL).isEmpty()) {
            sources.add(f.get(SOURCEURL));
        }
        return Event.newBuilder()
                .setEventId("gdelt:" + id)
                .setDate(date)
                .setConflict(context.conflict().id())
                .setActor(actor)
                .setTarget(target)
                .setType(type)
                .setFront(context.front(f.get(ACTION_GEO_ADM1)))
                .setIntensity(intensity)
                .setSources(sources)
                .setConfidence(context.mapping().number("confidence", "default", 0.3))
                .setDescription("CAMEO " + code + " (root " + f.get(EVENT_ROOT_CODE) + ", QuadClass " + quad + ", Goldstein "
                        + goldstein + "): " + f.get(ACTOR1_NAME) + " -> " + f.get(ACTOR2_NAME) + " at " + f.get(ACTION_GEO_NAME)
                        + "; " + f.get(NUM_SOURCES) + " sources")
                .setUpstreamId("gdelt:" + id)
                .setKnownSince(knownSince)
                .build();
    }

    private java.util.Optional<String> firstActor(List<String> f, int... columns) {
        for (int c : columns) {
            java.util.Optional<String> a = context.actor(f.get(c));
            if (a.isPresent()) {
                return a;
            }
        }
        return java.util.Optional.empty();
    }
}
