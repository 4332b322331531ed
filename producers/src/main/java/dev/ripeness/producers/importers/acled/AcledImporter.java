package dev.ripeness.producers.importers.acled;

import dev.ripeness.producers.event.CsvReader;
import dev.ripeness.producers.event.Violation;
import dev.ripeness.producers.feed.EventLogIndex;
import dev.ripeness.producers.feed.Offer;
import dev.ripeness.producers.importers.ImportContext;
import dev.ripeness.producers.importers.Importer;
import dev.ripeness.producers.importers.RowRejected;
import dev.ripeness.schema.Event;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ACLED CSV exports (31 columns, {@code event_id_cnty} … {@code timestamp}, mapped by
 * header name) and ACLED deleted-event lists ({@code event_id_cnty,deleted_timestamp}).
 *
 * <p>Every version of an ACLED event becomes its own event {@code acled:<id>@<timestamp>}
 * with {@code upstreamId = acled:<id>} and {@code knownSince} = the upstream timestamp. A
 * newer version of an id seen earlier (in this file or in the log) {@code corrects} the
 * latest earlier one; an older version than one already known is rejected; a deletion is a
 * new event that {@code retracts} the latest version.
 */
public final class AcledImporter implements Importer {

    /** The 31 columns of the export, in ACLED's order. */
    public static final List<String> COLUMNS = List.of("event_id_cnty", "event_date", "year", "time_precision",
            "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
            "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
            "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
            "notes", "fatalities", "tags", "timestamp");

    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final ImportContext context;
    /** Latest version seen per upstream id in this input; with the log's, the base for corrections. */
    private final Map<String, Event> latest = new HashMap<>();

    public AcledImporter(ImportContext context) {
        this.context = context;
    }

    @Override
    public Iterator<Offer> read(Reader in, String source) {
        CsvReader rows = CsvReader.csv(in);
        if (!rows.hasNext()) {
            return List.<Offer>of().iterator();
        }
        List<String> header = rows.next().fields().stream().map(String::strip).toList();
        boolean deletions = header.contains("deleted_timestamp");
        List<String> needed = deletions ? List.of("event_id_cnty", "deleted_timestamp") : COLUMNS;
        for (String c : needed) {
            if (!header.contains(c)) {
                throw new IllegalArgumentException(source + ": header lacks ACLED column `" + c + "`; expected an ACLED export ("
                        + String.join(",", COLUMNS) + ") or a deleted-events list (event_id_cnty,deleted_timestamp)");
            }
        }
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
                String origin = source + " " + where;
                if (row.fields().size() != header.size()) {
                    return Offer.unreadable(row.line(), where, origin, original, new Violation(null,
                            "has " + row.fields().size() + " cells, the header has " + header.size()));
                }
                Map<String, String> v = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    v.put(header.get(i), row.fields().get(i).strip());
                }
                try {
                    Event e = deletions ? deletion(v) : version(v);
                    return Offer.of(row.line(), where, origin, original, e);
                } catch (RowRejected r) {
                    return Offer.unreadable(row.line(), where, origin, original, new Violation(r.field(), r.getMessage()));
                }
            }
        };
    }

    private Event version(Map<String, String> v) throws RowRejected {
        String id = require(v, "event_id_cnty");
        String upstreamId = "acled:" + id;
        Instant knownSince = epoch(v, "timestamp");
        String eventId = upstreamId + "@" + knownSince.getEpochSecond();
        String sub = v.get("sub_event_type");
        String type = context.mapping().get("type", v.get("event_type") + "/" + sub)
                .or(() -> context.mapping().get("type", v.get("event_type")))
                .orElseThrow(() -> new RowRejected("sub_event_type", "`" + v.get("event_type") + "/" + sub
                        + "` has no event-type mapping; add `type:" + v.get("event_type") + "/" + sub + " = <TYPE>` to a --mapping file"));
        String actor = context.actor(v.get("actor1")).orElseThrow(() -> new RowRejected("actor1",
                "`" + v.get("actor1") + "` is not an actor of " + context.conflict().id()
                        + "; add it to the actor's aliases in the conflict file or `actor:" + v.get("actor1") + " = <CODE>` to a --mapping file"));
        String target = context.actor(v.get("actor2")).orElse(null);
        List<String> sources = new ArrayList<>();
        sources.add("ACLED " + id);
        Arrays.stream(v.getOrDefault("source", "").split(";")).map(String::strip).filter(s -> !s.isEmpty()).forEach(sources::add);
        Long fatalities = v.get("fatalities").isEmpty() ? null : parseLong(v, "fatalities");
        Event e = Event.newBuilder()
                .setEventId(eventId)
                .setDate(date(v.get("event_date")))
                .setConflict(context.conflict().id())
                .setActor(actor)
                .setTarget(target != null && !target.equals(actor) ? target : null)
                .setType(type)
                .setFront(context.front(v.get("admin1")))
                .setCasualties(fatalities)
                .setSources(sources)
                .setConfidence(context.mapping().number("confidence", "time_precision " + v.get("time_precision"), 0.5))
                .setDescription(sub + " at " + v.get("location") + ", " + v.get("admin1") + ": " + v.get("notes"))
                .setUpstreamId(upstreamId)
                .setKnownSince(knownSince.toString())
                .build();
        Optional<Event> previous = previous(upstreamId);
        if (context.log().test(context.conflict().id(), eventId)) {
            return e; // this very version is already in the log: the feed counts it as a duplicate
        }
        if (previous.isPresent()) {
            Event prev = previous.get();
            int cmp = knownSince.compareTo(Instant.parse(prev.getKnownSince()));
            if (cmp < 0) {
                throw new RowRejected("timestamp", "version " + knownSince.getEpochSecond() + " of ACLED " + id
                        + " is older than version " + Instant.parse(prev.getKnownSince()).getEpochSecond() + " already read; nothing to do");
            }
            if (cmp > 0) {
                e.setCorrects(prev.getEventId());
            } else {
                e.setCorrects(prev.getCorrects()); // the same version again: identical event, counted as a duplicate
            }
        }
        latest.put(upstreamId, e);
        return e;
    }

    private Event deletion(Map<String, String> v) throws RowRejected {
        String id = require(v, "event_id_cnty");
        String upstreamId = "acled:" + id;
        Instant deleted = epoch(v, "deleted_timestamp");
        Event prev = previous(upstreamId).orElseThrow(() -> new RowRejected("event_id_cnty",
                "ACLED deleted " + id + " but no version of it is in this file or in the log; nothing to retract"));
        Event e = Event.newBuilder(prev)
                .setEventId(upstreamId + "@deleted-" + deleted.getEpochSecond())
                .setCorrects(null)
                .setRetracts(prev.getEventId())
                .setSources(List.of("ACLED deleted events " + id))
                .setDescription("ACLED deleted event " + id + " (last version " + prev.getEventId() + ")")
                .setKnownSince(deleted.toString())
                .setRecordedAt(0)
                .setOrigin(null)
                .build();
        latest.put(upstreamId, e);
        return e;
    }

    private Optional<Event> previous(String upstreamId) {
        Event inFile = latest.get(upstreamId);
        if (inFile != null) {
            return Optional.of(inFile);
        }
        return context.log().latest(context.conflict().id(), upstreamId).map(EventLogIndex.UpstreamVersion::event);
    }

    private static String date(String text) throws RowRejected {
        try {
            return text.matches("\\d{4}-\\d{2}-\\d{2}") ? text : LocalDate.parse(text, LONG_DATE).toString();
        } catch (DateTimeParseException e) {
            throw new RowRejected("event_date", "`" + text + "` is neither YYYY-MM-DD nor like `16 May 2025`");
        }
    }

    private static Instant epoch(Map<String, String> v, String field) throws RowRejected {
        return Instant.ofEpochSecond(parseLong(v, field));
    }

    private static long parseLong(Map<String, String> v, String field) throws RowRejected {
        try {
            return Long.parseLong(v.get(field));
        } catch (NumberFormatException e) {
            throw new RowRejected(field, "`" + v.get(field) + "` is not a whole number");
        }
    }

    private static String require(Map<String, String> v, String field) throws RowRejected {
        String s = v.get(field);
        if (s == null || s.isEmpty()) {
            throw new RowRejected(field, "is empty");
        }
        return s;
    }
}
