package dev.ripeness.producers.importers.acled;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripeness.producers.event.CsvReader;
import dev.ripeness.event.Violation;
import dev.ripeness.producers.feed.EventLogIndex;
import dev.ripeness.producers.feed.Lazy;
import dev.ripeness.producers.feed.Offer;
import dev.ripeness.producers.importers.FormatDetector;
import dev.ripeness.producers.importers.ImportContext;
import dev.ripeness.producers.importers.Importer;
import dev.ripeness.producers.importers.RowFiltered;
import dev.ripeness.producers.importers.RowRejected;
import dev.ripeness.producers.importers.UpstreamDates;
import dev.ripeness.producers.importers.UpstreamRow;
import dev.ripeness.schema.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ACLED CSV exports in any layout seen in the wild, mapped by header name case-insensitively:
 * the current Data Export Tool (31 columns with {@code disorder_type}), the API CSV (adds
 * {@code data_id}, {@code iso3}, dates like {@code 16/02/2024 00:00:00}), the 2019–2022 layouts
 * without {@code disorder_type}/{@code civilian_targeting}/{@code tags}, and the 2016 layout
 * (combined {@code event_type} such as {@code Battle-No change of territory}, {@code ally_actor_1},
 * no {@code sub_event_type}), the API's JSON answer ({@code {"data":[{...}]}}, fields by name as well);
 * plus ACLED deleted-event lists ({@code event_id_cnty,deleted_timestamp}).
 *
 * <p>Rows are scoped to the conflict: a {@code country} outside {@code upstream.countries},
 * an event type the mapping filters (protests, riots, some strategic developments), an
 * {@code Unidentified …} actor or an {@code actor1} that is no actor of the conflict are
 * <em>filtered</em> with their reason, not rejected.
 *
 * <p>Every version of an ACLED event becomes its own event {@code acled:<id>@<timestamp>}
 * with {@code upstreamId = acled:<id>} and {@code knownSince} = the upstream timestamp (a layout
 * without {@code timestamp} gives {@code acled:<id>}, known since its date). A newer version of an
 * id seen earlier (in this file or in the log) {@code corrects} the latest earlier one; an older
 * version than one already known is rejected; a deletion is a new event that {@code retracts}
 * the latest version.
 */
public final class AcledImporter implements Importer {

    /** The columns every event layout has (checked by header name, case-insensitively). */
    public static final List<String> REQUIRED = List.of("event_id_cnty", "event_date", "event_type", "actor1");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImportContext context;
    private final UpstreamDates dates = new UpstreamDates();
    /** Latest version seen per upstream id in this input; with the log's, the base for corrections. */
    private final Map<String, Event> latest = new HashMap<>();

    public AcledImporter(ImportContext context) {
        this.context = context;
    }

    @Override
    public Iterator<Offer> read(Reader in, String source) {
        BufferedReader buffered = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        if (startsWithJson(buffered)) {
            return readJson(buffered, source);
        }
        CsvReader rows = CsvReader.csv(buffered);
        if (!rows.hasNext()) {
            return List.<Offer>of().iterator();
        }
        List<String> header = UpstreamRow.header(rows.next().fields());
        boolean deletions = header.contains("deleted_timestamp");
        List<String> needed = deletions ? List.of("event_id_cnty", "deleted_timestamp") : REQUIRED;
        for (String c : needed) {
            if (!header.contains(c)) {
                throw new IllegalArgumentException(source + ": header lacks ACLED column `" + c + "`; expected an ACLED export "
                        + "(at least " + String.join(", ", REQUIRED) + ") or a deleted-events list (event_id_cnty,deleted_timestamp)"
                        + FormatDetector.hint(header));
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Offer next() {
                return UpstreamRow.offer(rows.next(), source, row -> {
                    if (row.fields().size() != header.size()) {
                        throw new RowRejected(null, "has " + row.fields().size() + " cells, the header has " + header.size());
                    }
                    UpstreamRow v = UpstreamRow.of(header, row.fields());
                    return deletions ? deletion(v) : version(v);
                });
            }
        };
    }

    /** Whether the first non-blank character is {@code {} or {@code [}; the reader is left where it was. */
    private static boolean startsWithJson(BufferedReader in) {
        try {
            in.mark(1 << 16);
            int c;
            int n = 0;
            do {
                c = in.read();
                n++;
            } while (c != -1 && Character.isWhitespace(c) && n < (1 << 16) - 1);
            in.reset();
            return c == '{' || c == '[';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * ACLED's API answer, {@code {"status":200,...,"data":[{...},...]}} or the bare array: one
     * offer per element of {@code data}, {@code record N} in origins, the element's JSON as its
     * original bytes. A document that breaks off is one rejected offer at the place it broke.
     */
    private Iterator<Offer> readJson(Reader in, String source) {
        JsonParser p;
        try {
            p = JSON.createParser(in);
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                while ((t = p.nextToken()) != null && !(t == JsonToken.FIELD_NAME && "data".equals(p.currentName()))) {
                    if (t == JsonToken.FIELD_NAME) {
                        p.nextToken();
                        p.skipChildren();
                    }
                }
                if (t == null || p.nextToken() != JsonToken.START_ARRAY) {
                    throw new IllegalArgumentException(source + ": a JSON document without a \"data\" array of ACLED events");
                }
            } else if (t != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException(source + ": neither an ACLED API answer nor a JSON array of ACLED events");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return new Lazy<>() {
            private int n;
            private boolean broken;

            @Override
            protected Offer advance() {
                String where = "record " + (n + 1);
                if (broken) {
                    return null;
                }
                try {
                    JsonToken t = p.nextToken();
                    if (t != JsonToken.START_OBJECT) {
                        return null;
                    }
                    n++;
                    JsonNode node = p.readValueAsTree();
                    byte[] original = node.toString().getBytes(StandardCharsets.UTF_8);
                    Map<String, String> named = new LinkedHashMap<>();
                    node.fields().forEachRemaining(f -> named.put(f.getKey(), f.getValue().isNull() ? "" : f.getValue().asText()));
                    try {
                        return Offer.of(n, where, source + " " + where, original, version(UpstreamRow.ofNames(named)));
                    } catch (RowRejected r) {
                        return Offer.unreadable(n, where, source + " " + where, original, new Violation(r.field(), r.getMessage()));
                    } catch (RowFiltered f) {
                        return Offer.filtered(n, where, source + " " + where, original, f.getMessage());
                    }
                } catch (IOException e) {
                    broken = true;
                    n++;
                    return Offer.unreadable(n, where, source + " " + where, new byte[0],
                            new Violation(null, "the JSON breaks off here, so the rest of the document is lost: "
                                    + e.getMessage().lines().findFirst().orElse("")));
                }
            }
        };
    }

    private Event version(UpstreamRow v) throws RowRejected, RowFiltered {
        String id = v.require("event_id_cnty");
        String upstreamId = "acled:" + id;
        String country = v.get("country");
        List<String> countries = context.conflict().upstream().countries();
        if (!countries.isEmpty() && !country.isEmpty() && countries.stream().noneMatch(country::equalsIgnoreCase)) {
            throw new RowFiltered("country outside " + context.conflict().id() + " (upstream.countries)", country);
        }
        String date = dates.day(v.get("event_date"), "event_date").toString();
        String eventType = v.require("event_type");
        String sub = v.get("sub_event_type");
        String key = sub.isEmpty() ? eventType : eventType + "/" + sub;
        Optional<String> mapped = context.mapping().get("type", key).or(() -> context.mapping().get("type", eventType));
        if (mapped.isEmpty()) {
            Optional<String> why = context.mapping().get("filter", key).or(() -> context.mapping().get("filter", eventType));
            if (why.isPresent()) {
                throw new RowFiltered(why.get(), key);
            }
            throw new RowRejected(sub.isEmpty() ? "event_type" : "sub_event_type", "`" + key
                    + "` has no event-type mapping; add `type:" + key + " = <TYPE>` (or `filter:" + key + " = <why>`) to a --mapping file");
        }
        String type = mapped.get();
        String actor1 = v.require("actor1");
        if (actor1.toLowerCase(Locale.ROOT).startsWith("unidentified")) {
            throw new RowFiltered("unidentified actor1: no side can be credited", actor1);
        }
        String actor = context.actor(actor1).orElseThrow(() -> new RowFiltered("actor1 is not an actor of " + context.conflict().id()
                + " (add it to the actor's aliases in the conflict file if it belongs to a side)", actor1));
        String target = context.actor(v.get("actor2")).orElse(null);
        List<String> sources = new ArrayList<>();
        sources.add("ACLED " + id);
        Arrays.stream(v.get("source").split(";")).map(String::strip).filter(s -> !s.isEmpty()).forEach(sources::add);
        Long fatalities = v.get("fatalities").isEmpty() ? null : parseLong(v, "fatalities");
        boolean versioned = !v.get("timestamp").isEmpty();
        Instant knownSince = versioned ? dates.instant(v.get("timestamp"), "timestamp")
                : java.time.LocalDate.parse(date).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        String eventId = versioned ? upstreamId + "@" + knownSince.getEpochSecond() : upstreamId;
        String place = v.get("location") + (v.get("admin1").isEmpty() ? "" : ", " + v.get("admin1"));
        Event e = Event.newBuilder()
                .setEventId(eventId)
                .setDate(date)
                .setConflict(context.conflict().id())
                .setActor(actor)
                .setTarget(target != null && !target.equals(actor) ? target : null)
                .setType(type)
                .setFront(context.front(v.get("admin1")))
                .setCasualties(fatalities)
                .setSources(sources)
                .setConfidence(context.mapping().number("confidence", "time_precision " + v.get("time_precision"), 0.5))
                .setDescription(key + " at " + place + ": " + v.get("notes"))
                .setUpstreamId(upstreamId)
                .setKnownSince(knownSince.toString())
                .setLocation(context.location("latitude", v.get("latitude"), "longitude", v.get("longitude"),
                        place.startsWith(", ") ? place.substring(2) : place, "geo_precision " + v.get("geo_precision")))
                .build();
        if (!versioned) {
            return e;
        }
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

    private Event deletion(UpstreamRow v) throws RowRejected {
        String id = v.require("event_id_cnty");
        String upstreamId = "acled:" + id;
        Instant deleted = dates.instant(v.get("deleted_timestamp"), "deleted_timestamp");
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

    private static long parseLong(UpstreamRow v, String field) throws RowRejected {
        try {
            return Long.parseLong(v.get(field));
        } catch (NumberFormatException e) {
            throw new RowRejected(field, "`" + v.get(field) + "` is not a whole number");
        }
    }
}
