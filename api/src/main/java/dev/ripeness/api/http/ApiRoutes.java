package dev.ripeness.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripeness.api.live.StateChanges;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.producers.feed.EventFeed;
import dev.ripeness.producers.feed.FeedReport;
import dev.ripeness.producers.feed.Utf8Body;
import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.streams.query.StateQueries;
import dev.ripeness.streams.query.StateUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every endpoint of the API: matches the path, parses and checks parameters, reads the
 * state (forwarding to the instance that holds it when another one does), and turns every
 * failure into a status with a message; a stack trace goes to the log, never to the client.
 */
final class ApiRoutes extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
    private static final String ENDPOINTS = "GET /api/conflicts, GET /api/conflicts/{id}/ripeness|timeline|fronts|explain|events, "
            + "GET /api/conflicts/{id}/actors/{actor}, GET /api/runs, POST /api/events, GET /api/stream, GET /health, GET /ready, GET /metrics (see docs/api.md)";

    /**
     * On every answer: the dashboard loads only its own files, no page may frame it, and no
     * answer is read as another type than it says (a JSON error is never run as a script).
     */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                    + "form-action 'none'; frame-ancestors 'none'",
            "X-Frame-Options", "DENY",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private final StateQueries queries;
    private final EventFeed feed;
    private final ConflictCatalog catalog;
    private final StateChanges changes;
    private final StateReads reads;
    private final LiveStreams live;
    private OwnerProxy proxy;
    private final int maxBodyBytes;
    private final KnownAtSource knownAt;
    private final ComparisonRuns runs;
    private final Access access;
    private final PipelineStatus pipeline;
    private final HttpMetrics metrics;
    private final StaticFiles files = new StaticFiles();
    private final AtomicLong errorIds = new AtomicLong();

    ApiRoutes(StateQueries queries, EventFeed feed, ConflictCatalog catalog, HttpMetrics metrics,
              StateChanges changes, StateReads reads, LiveStreams live, OwnerProxy proxy, int maxBodyBytes,
              KnownAtSource knownAt, ComparisonRuns runs, Access access, PipelineStatus pipeline) {
        this.queries = queries;
        this.feed = feed;
        this.catalog = catalog;
        this.metrics = metrics;
        this.changes = changes;
        this.reads = reads;
        this.live = live;
        this.proxy = proxy;
        this.maxBodyBytes = maxBodyBytes;
        this.knownAt = knownAt;
        this.runs = runs;
        this.access = access;
        this.pipeline = pipeline;
    }

    /** Set once the port is known, before the server starts: the proxy names this instance by it. */
    void proxy(OwnerProxy proxy) {
        this.proxy = proxy;
    }

    /** A matched route: its pattern (the metrics label), its method and what answers it. */
    private record Route(String pattern, String method, Handler handler) {}

    @FunctionalInterface
    private interface Handler {
        Response answer(Request request) throws IOException;
    }

    /** Runs on a request thread of the server's bounded pool and may block (it reads the state and the body). */
    @Override
    public boolean handle(org.eclipse.jetty.server.Request jettyRequest, org.eclipse.jetty.server.Response jettyResponse,
                          Callback callback) {
        long start = System.nanoTime();
        String method = jettyRequest.getMethod();
        String pattern = "unmatched";
        Map<String, String> cors = access.cors(jettyRequest.getHeaders().get("Origin"));
        Response response;
        try {
            Route route = match(jettyRequest.getHttpURI().getDecodedPath());
            pattern = route.pattern();
            if ("OPTIONS".equals(method) && !cors.isEmpty()) {
                response = new Response(204, null, null, Map.of());
            } else if (!route.method().equals(method)) {
                throw new ApiException(405, pattern + " answers " + route.method() + " only, not " + HttpMetrics.method(method),
                        Map.of("Allow", route.method()));
            } else {
                Request request = new Request(jettyRequest, jettyResponse);
                access.check(pattern, method, request);
                response = route.handler().answer(request);
            }
        } catch (ApiException e) {
            response = Response.error(e.status(), e.getMessage(), e.headers());
        } catch (StateUnavailableException e) {
            response = Response.error(503, "the state is being moved or restored: retry shortly", Map.of("Retry-After", "5"));
        } catch (CachedKnownAt.BusyException e) {
            response = Response.error(503, e.getMessage(), Map.of("Retry-After", "5"));
        } catch (Exception e) {
            long id = errorIds.incrementAndGet();
            LOG.error("request {} {} failed (error id {})", HttpMetrics.method(method), jettyRequest.getHttpURI().getPath(), id, e);
            response = Response.error(500, "internal error (error id " + id + "); the server log has the details", Map.of());
        }
        try {
            if (response != Response.STREAMED) {
                send(jettyResponse, response, cors);
            }
            callback.succeeded();
        } catch (IOException e) {
            LOG.debug("client went away before the answer to {} was sent", jettyRequest.getHttpURI().getPath());
            callback.failed(e);
        } finally {
            metrics.record(method, pattern, response.status(), System.nanoTime() - start);
        }
        return true;
    }

    private static void send(org.eclipse.jetty.server.Response out, Response response, Map<String, String> cors) throws IOException {
        out.setStatus(response.status());
        if (response.contentType() != null) {
            out.getHeaders().put("Content-Type", response.contentType());
        }
        SECURITY_HEADERS.forEach((k, v) -> out.getHeaders().put(k, v));
        cors.forEach((k, v) -> out.getHeaders().put(k, v));
        response.headers().forEach((k, v) -> out.getHeaders().put(k, v));
        byte[] body = response.body() == null ? new byte[0] : response.body();
        out.getHeaders().put("Content-Length", Integer.toString(body.length));
        Content.Sink.write(out, true, ByteBuffer.wrap(body));
    }

    private Route match(String path) {
        List<String> s = java.util.Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
        int n = s.size();
        if (n == 0 || (n == 1 && s.get(0).equals("index.html"))) {
            return new Route("/", "GET", r -> staticFile("index.html"));
        }
        if (n == 2 && s.get(0).equals("web")) {
            return new Route("/web/{file}", "GET", r -> staticFile(s.get(1)));
        }
        if (n == 1 && s.get(0).equals("health")) {
            return new Route("/health", "GET", this::health);
        }
        if (n == 1 && s.get(0).equals("ready")) {
            return new Route("/ready", "GET", this::ready);
        }
        if (n == 1 && s.get(0).equals("metrics")) {
            return new Route("/metrics", "GET", this::metrics);
        }
        if (n >= 2 && s.get(0).equals("api")) {
            if (n == 2 && s.get(1).equals("conflicts")) {
                return new Route("/api/conflicts", "GET", this::conflicts);
            }
            if (n == 2 && s.get(1).equals("events")) {
                return new Route("/api/events", "POST", this::postEvents);
            }
            if (n == 2 && s.get(1).equals("runs")) {
                return new Route("/api/runs", "GET", this::runs);
            }
            if (n == 2 && s.get(1).equals("stream")) {
                return new Route("/api/stream", "GET", this::stream);
            }
            if (s.get(1).equals("conflicts") && n == 4) {
                String id = s.get(2);
                switch (s.get(3)) {
                    case "ripeness": return new Route("/api/conflicts/{id}/ripeness", "GET", r -> r.param("knownAt") != null
                            ? knownAtRipeness(r, id) : routed(r, id, () -> ripeness(r, id)));
                    case "timeline": return new Route("/api/conflicts/{id}/timeline", "GET", r -> r.param("knownAt") != null
                            ? knownAtTimeline(r, id) : r.param("run") != null ? runTimeline(r, id) : routed(r, id, () -> timeline(r, id)));
                    case "fronts": return new Route("/api/conflicts/{id}/fronts", "GET", r -> routed(r, id, () -> fronts(r, id)));
                    case "explain": return new Route("/api/conflicts/{id}/explain", "GET", r -> routed(r, id, () -> explain(r, id)));
                    case "events": return new Route("/api/conflicts/{id}/events", "GET", r -> routed(r, id, () -> events(r, id)));
                    default: break;
                }
            }
            if (s.get(1).equals("conflicts") && n == 5 && s.get(3).equals("actors")) {
                return new Route("/api/conflicts/{id}/actors/{actor}", "GET", r -> routed(r, s.get(2), () -> actor(r, s.get(2), s.get(4))));
            }
            throw ApiException.notFound("no endpoint " + path + "; the API has " + ENDPOINTS);
        }
        throw ApiException.notFound("nothing at " + path + "; the dashboard is at / and the API under /api (see docs/api.md)");
    }

    private Response staticFile(String name) {
        return files.get(name).orElseThrow(() -> ApiException.notFound("no file " + name));
    }

    // ---- reads -------------------------------------------------------------------------------

    /** Validates the conflict, then answers here or forwards to the instance that holds its state. */
    private Response routed(Request request, String conflict, Supplier<Response> local) {
        requireConflict(conflict);
        if (request.header(OwnerProxy.HEADER) == null) {
            Optional<String> owner = reads.read(() -> queries.ownerElsewhere(conflict));
            if (owner.isPresent()) {
                return proxy.forward(owner.get(), request);
            }
        }
        return local.get();
    }

    /** The conflict's configuration; empty for a conflict with state but no configuration here. 404 when neither. */
    private Optional<ConflictConfig> requireConflict(String id) {
        Optional<ConflictConfig> config = catalog.find(id);
        if (config.isEmpty() && !reads.read(queries::conflicts).contains(id)) {
            throw ApiException.notFound("unknown conflict `" + id + "`; known conflicts: "
                    + String.join(", ", knownConflicts()) + " (GET /api/conflicts lists them)");
        }
        return config;
    }

    private Set<String> knownConflicts() {
        Set<String> ids = new LinkedHashSet<>();
        catalog.all().forEach(c -> ids.add(c.id()));
        return ids;
    }

    private Response conflicts(Request request) {
        request.allowOnly();
        List<String> withState = reads.read(queries::conflicts);
        ObjectNode node = JsonViews.object();
        ArrayNode array = node.putArray("conflicts");
        Set<String> listed = new LinkedHashSet<>();
        for (ConflictConfig c : catalog.all()) {
            array.add(JsonViews.conflict(c, withState.contains(c.id())));
            listed.add(c.id());
        }
        withState.stream().filter(id -> !listed.contains(id)).sorted().forEach(id ->
                array.addObject().put("id", id).put("hasState", true).put("note", "no configuration for this conflict on this instance"));
        return Response.ok(node);
    }

    private Response ripeness(Request request, String conflict) {
        request.allowOnly("asOf", "knownAt");
        LocalDate asOf = request.date("asOf");
        RipenessAssessment assessment = assessment(conflict, asOf);
        return Response.ok(JsonViews.ripeness(assessment));
    }

    private RipenessAssessment assessment(String conflict, LocalDate asOf) {
        return reads.read(() -> queries.ripeness(conflict, asOf)).orElseThrow(() -> ApiException.notFound(
                "conflict `" + conflict + "` has no assessment " + (asOf == null
                        ? "yet: no event of it has been processed"
                        : "as of " + asOf + ": none of its events is dated on or before that day")));
    }

    private Response timeline(Request request, String conflict) {
        request.allowOnly("from", "to", "knownAt", "run");
        LocalDate from = request.date("from");
        LocalDate to = request.date("to");
        checkBounds(from, to);
        return Response.ok(JsonViews.timeline(conflict, from, to, reads.read(() -> queries.timeline(conflict, from, to))));
    }

    private static void checkBounds(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badRequest("parameter `from` (" + from + ") is after `to` (" + to + "): swap them");
        }
    }

    /** Points dated within the optional bounds (dates are ISO strings, so they compare as text). */
    private static List<RipenessAssessment> within(List<RipenessAssessment> points, LocalDate from, LocalDate to) {
        return points.stream()
                .filter(p -> from == null || p.getAsOf().compareTo(from.toString()) >= 0)
                .filter(p -> to == null || p.getAsOf().compareTo(to.toString()) <= 0)
                .toList();
    }

    // ---- as known at, comparison runs ------------------------------------------------------------
    // Both read the log or side topics directly, not this instance's stores: any instance answers, nothing is forwarded.

    private KnownAtSource requireKnownAt() {
        if (knownAt == null) {
            throw new ApiException(501, "this instance answers no `knownAt` queries (no known-at source configured); "
                    + "`ripeness run` configures one, or use `ripeness replay --known-at`");
        }
        return knownAt;
    }

    private Response knownAtRipeness(Request request, String conflict) {
        request.allowOnly("asOf", "knownAt");
        LocalDate asOf = request.date("asOf");
        java.time.Instant at = request.instant("knownAt");
        KnownAtSource source = requireKnownAt();
        requireConflict(conflict);
        RipenessAssessment assessment = source.ripeness(conflict, at, asOf).orElseThrow(() -> ApiException.notFound(
                "conflict `" + conflict + "` has no assessment from the events recorded up to " + at
                        + (asOf == null ? "" : " dated on or before " + asOf)));
        ObjectNode node = (ObjectNode) JsonViews.ripeness(assessment);
        node.put("knownAt", at.toString());
        return Response.ok(node);
    }

    private Response knownAtTimeline(Request request, String conflict) {
        if (request.param("run") != null) {
            throw ApiException.badRequest("give either `knownAt` or `run`, not both: a comparison run has no record of when it knew what");
        }
        request.allowOnly("from", "to", "knownAt");
        LocalDate from = request.date("from");
        LocalDate to = request.date("to");
        checkBounds(from, to);
        java.time.Instant at = request.instant("knownAt");
        KnownAtSource source = requireKnownAt();
        requireConflict(conflict);
        ObjectNode node = JsonViews.timeline(conflict, from, to, within(source.timeline(conflict, at), from, to));
        node.put("knownAt", at.toString());
        return Response.ok(node);
    }

    private Response runTimeline(Request request, String conflict) {
        request.allowOnly("from", "to", "run");
        LocalDate from = request.date("from");
        LocalDate to = request.date("to");
        checkBounds(from, to);
        String run = request.param("run");
        if (runs == null) {
            throw new ApiException(501, "this instance has no comparison runs to read (none configured); "
                    + "`ripeness run` reads those kept by `ripeness replay --compare --keep`");
        }
        requireConflict(conflict);
        List<RipenessAssessment> points = runs.timeline(run, conflict).orElseThrow(() -> ApiException.notFound(
                "no comparison run `" + run + "`; kept runs: " + (runs.runs().isEmpty()
                        ? "none (keep one with `ripeness replay --model FILE --compare --keep`)"
                        : String.join(", ", runs.runs())) + " (GET /api/runs lists them)"));
        ObjectNode node = JsonViews.timeline(conflict, from, to, within(points, from, to));
        node.put("run", run);
        return Response.ok(node);
    }

    private Response runs(Request request) {
        request.allowOnly();
        ObjectNode node = JsonViews.object();
        ArrayNode array = node.putArray("runs");
        (runs == null ? List.<String>of() : runs.runs()).forEach(array::add);
        return Response.ok(node);
    }

    private Response actor(Request request, String conflict, String actor) {
        request.allowOnly("asOf");
        LocalDate asOf = request.date("asOf");
        Optional<ConflictConfig> config = requireConflict(conflict);
        if (config.isPresent() && config.get().actor(actor).isEmpty()) {
            throw ApiException.notFound("conflict `" + conflict + "` has no actor `" + actor + "`; its actors are "
                    + config.get().actors().stream().map(ConflictConfig.Actor::code).collect(Collectors.joining(", ")));
        }
        ActorDemandState state = reads.read(() -> queries.actor(conflict, actor, asOf)).orElseThrow(() -> ApiException.notFound(
                "actor `" + actor + "` of `" + conflict + "` has no demand state " + (asOf == null ? "yet" : "as of " + asOf)
                        + ": it has stated no demand in the events processed so far"));
        return Response.ok(config.map(c -> JsonViews.actor(state, c)).orElseGet(() -> dev.ripeness.schema.json.AvroJson.toTree(state)));
    }

    private Response fronts(Request request, String conflict) {
        request.allowOnly("asOf");
        LocalDate asOf = request.date("asOf");
        return Response.ok(JsonViews.fronts(conflict, asOf, reads.read(() -> queries.fronts(conflict, asOf))));
    }

    private Response explain(Request request, String conflict) {
        request.allowOnly("asOf");
        LocalDate asOf = request.date("asOf");
        RipenessAssessment assessment = assessment(conflict, asOf);
        Set<String> named = new LinkedHashSet<>();
        assessment.getDrivers().stream().map(d -> d.getEventId()).filter(id -> !id.startsWith("(")).forEach(named::add);
        Map<String, dev.ripeness.schema.Event> details = reads.read(() -> queries.events(conflict, named));
        return Response.ok(JsonViews.explain(assessment, reads.read(() -> queries.demandGaps(conflict, asOf)), details,
                catalog.find(conflict)));
    }

    /** At most this many ids per request: the query string stays well under any URL limit, the reads short. */
    static final int MAX_EVENT_IDS = 200;

    /** Default and largest page of a period's events: a map of a busy year fits in a few pages. */
    static final int EVENTS_PAGE = 1000, MAX_EVENTS_PAGE = 5000;
    private static final java.util.regex.Pattern CURSOR = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\|.+");

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
        Map<String, dev.ripeness.schema.Event> found = reads.read(() -> queries.events(conflict, wanted));
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
        LocalDate from = request.date("from");
        LocalDate to = request.date("to");
        checkBounds(from, to);
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
        List<dev.ripeness.schema.Event> found = reads.read(() -> queries.eventsBetween(conflict, from, to, after, page + 1));
        boolean more = found.size() > page;
        List<dev.ripeness.schema.Event> shown = more ? found.subList(0, page) : found;
        String next = more ? StateQueries.eventCursor(shown.get(shown.size() - 1)) : null;
        return Response.ok(JsonViews.eventList(conflict, from, to, shown, next, catalog.find(conflict)));
    }

    // ---- writes, live push, operations ---------------------------------------------------------

    private Response postEvents(Request request) throws IOException {
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

    private Response stream(Request request) throws IOException {
        request.allowOnly("conflict");
        String conflict = request.param("conflict");
        if (conflict != null) {
            requireConflict(conflict);
        }
        live.serve(request.response(), conflict);
        return Response.STREAMED;
    }

    /** Liveness: the server answers. Nothing here depends on Kafka, so a probe never restarts a pipeline that is only catching up. */
    private Response health(Request request) {
        request.allowOnly();
        ObjectNode node = JsonViews.object();
        node.put("status", "UP");
        node.put("liveClients", live.clients());
        return Response.ok(node);
    }

    /**
     * Readiness: 200 when the pipeline is RUNNING, has processed every committed event and its
     * state can be read; else 503 saying why ("N events behind"), with Retry-After.
     */
    private Response ready(Request request) {
        request.allowOnly();
        String state = pipeline.state();
        long lag = pipeline.lag();
        String reason = null;
        if (!"RUNNING".equals(state)) {
            reason = "the pipeline is " + state + (lag > 0 ? " and " + lag + " events behind" : "");
        } else if (lag != 0) {
            reason = lag < 0 ? "the pipeline's progress cannot be read yet" : "the pipeline is " + lag + " events behind";
        } else {
            try {
                queries.conflicts();
            } catch (StateUnavailableException e) {
                reason = "the state cannot be read yet: " + e.getMessage();
            }
        }
        if (reason != null) {
            ObjectNode node = JsonViews.object();
            node.put("status", 503);
            node.put("error", "not ready: " + reason);
            node.put("pipeline", state);
            node.put("lag", lag);
            Response body = Response.json(503, node);
            return new Response(503, body.contentType(), body.body(), Map.of("Retry-After", "5"));
        }
        ObjectNode node = JsonViews.object();
        node.put("status", "READY");
        node.put("pipeline", state);
        node.put("lag", 0);
        return Response.ok(node);
    }

    private Response metrics(Request request) {
        request.allowOnly();
        return Response.text(200, HttpMetrics.CONTENT_TYPE, metrics.scrape());
    }
}
