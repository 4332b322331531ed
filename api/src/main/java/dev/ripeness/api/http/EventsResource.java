package dev.ripeness.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.feed.EventFeed;
import dev.ripeness.producers.feed.FeedException;
import dev.ripeness.producers.feed.FeedReport;
import dev.ripeness.producers.feed.Utf8Body;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.query.StateQueries;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Events: fed in by POST (the one write of the API), and read back per conflict by id or by period. */
final class EventsResource {

    /** At most this many ids per request: the query string stays well under any URL limit, the reads short. */
    static final int MAX_EVENT_IDS = 200;

    /** Default and largest page of a period's events: a map of a busy year fits in a few pages. */
    static final int EVENTS_PAGE = 1000, MAX_EVENTS_PAGE = 5000;
    private static final Pattern CURSOR = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\|.+");

    private final StateQueries queries;
    private final EventFeed feed;
    private final ConflictCatalog catalog;
    private final StateReads reads;
    private final ConflictRouting conflicts;
    private final int maxBodyBytes;

    EventsResource(StateQueries queries, EventFeed feed, ConflictCatalog catalog, StateReads reads, ConflictRouting conflicts,
                   int maxBodyBytes) {
        this.queries = queries;
        this.feed = feed;
        this.catalog = catalog;
        this.reads = reads;
        this.conflicts = conflicts;
        this.maxBodyBytes = maxBodyBytes;
    }

    List<Route> routes() {
        return List.of(
                Route.post("/api/events", (r, p) -> post(r)),
                Route.get("/api/conflicts/{id}/events", (r, p) -> conflicts.routed(r, p.get("id"), () -> events(r, p.get("id")))));
    }

    private Response events(Request request, String conflict) {
        if (request.param("ids") == null) {
            return eventsOfPeriod(request, conflict);
        }
        request.allowOnly("ids");
        String ids = request.param("ids");
        if (ids.isBlank()) {
            throw ApiException.badRequest("parameter `ids` is empty: give event ids separated by commas, e.g. `?ids=e-1,e-2`");
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String id : ids.split(",")) {
            if (!id.isBlank()) {
                wanted.add(id.trim());
            }
        }
        if (wanted.size() > MAX_EVENT_IDS) {
            throw ApiException.badRequest("parameter `ids` names " + wanted.size() + " events, more than " + MAX_EVENT_IDS
                    + ": split them into several requests");
        }
        Map<String, Event> found = reads.read(() -> queries.events(conflict, wanted));
        ObjectNode node = JsonViews.object();
        node.put("conflict", conflict);
        node.set("events", JsonViews.events(found, catalog.find(conflict)));
        ArrayNode missing = node.putArray("missing");
        wanted.stream().filter(id -> !found.containsKey(id)).forEach(missing::add);
        return Response.ok(node);
    }

    /** The events in effect dated in a period, one page in date order, each with where it happened when known. */
    private Response eventsOfPeriod(Request request, String conflict) {
        request.allowOnly("from", "to", "limit", "after");
        Request.Period period = request.period();
        int limit = EVENTS_PAGE;
        String limitText = request.param("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_EVENTS_PAGE) {
                throw ApiException.badRequest("parameter `limit`: `" + limitText + "` must be a whole number from 1 to "
                        + MAX_EVENTS_PAGE + "; follow `next` for more");
            }
        }
        String after = request.param("after");
        if (after != null && !CURSOR.matcher(after).matches()) {
            throw ApiException.badRequest("parameter `after`: `" + after + "` is not a cursor; pass the `next` of the previous page "
                    + "(date|eventId)");
        }
        int page = limit;
        List<Event> found = reads.read(() -> queries.eventsBetween(conflict, period.from(), period.to(), after, page + 1));
        boolean more = found.size() > page;
        List<Event> shown = more ? found.subList(0, page) : found;
        String next = more ? StateQueries.eventCursor(shown.get(shown.size() - 1)) : null;
        return Response.ok(JsonViews.eventList(conflict, period.from(), period.to(), shown, next, catalog.find(conflict)));
    }

    private Response post(Request request) throws IOException {
        request.allowOnly();
        Access.BodyType type = Access.bodyType(request.header("Content-Type"));
        if (feed == null) {
            throw new ApiException(503, "this instance does not accept events (no event feed configured)");
        }
        // Decoded record by record: bytes that are not UTF-8 reject the record that holds them, not the body.
        Utf8Body body = Utf8Body.decode(readBody(request));
        if (body.text().isBlank()) {
            throw ApiException.badRequest("the body is empty: send a JSON array of events or one JSON event per line (JSONL)");
        }
        FeedReport report;
        String origin = "POST /api/events from " + request.remoteAddress();
        try {
            report = type == Access.BodyType.CSV ? feed.feedCsv(body, origin) : feed.feedJson(body, origin);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the body cannot be read as events: " + e.getMessage());
        } catch (FeedException e) {
            // The log could not be read or written: not the records' fault. Batches committed before the failure come
            // back as duplicates, so posting the body again is safe; worth it only when the cause may pass.
            if (e.retriable()) {
                throw new ApiException(503, e.getMessage(), Map.of("Retry-After", "5"));
            }
            throw new ApiException(500, e.getMessage(), Map.of());
        }
        // 200: nothing rejected (duplicates are fine: feeding is idempotent); 207: some rejected; 422: all rejected.
        int status = report.rejected() == 0 ? 200 : report.rejected() == report.results().size() ? 422 : 207;
        return Response.json(status, JsonViews.feedReport(report));
    }

    private byte[] readBody(Request request) throws IOException {
        String length = request.header("Content-Length");
        String limit = maxBodyBytes + " bytes (" + (maxBodyBytes / 1024) + " KiB)";
        String fix = ": split the events into several requests, e.g. `split -l 2000 events.jsonl part-` and POST each part";
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBodyBytes) {
            drain(request.body(), 16L * maxBodyBytes);
            throw new ApiException(413, "the body has " + length + " bytes, more than the limit of " + limit + fix);
        }
        try (InputStream in = request.body()) {
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                drain(in, 16L * maxBodyBytes);
                throw new ApiException(413, "the body is larger than the limit of " + limit + fix);
            }
            return bytes;
        }
    }

    // Reading what the client still sends lets it see the 413 instead of a reset connection.
    private static void drain(InputStream in, long max) throws IOException {
        long skipped = 0;
        byte[] buffer = new byte[64 * 1024];
        int n;
        while (skipped < max && (n = in.read(buffer)) > 0) {
            skipped += n;
        }
    }
}
