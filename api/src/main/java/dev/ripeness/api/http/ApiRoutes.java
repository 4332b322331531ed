package dev.ripeness.api.http;

import dev.ripeness.api.live.StateChanges;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.feed.EventFeed;
import dev.ripeness.streams.query.StateQueries;
import dev.ripeness.streams.query.StateUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.pathmap.MatchedResource;
import org.eclipse.jetty.http.pathmap.PathMappings;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's front door: finds the route of a request in the table the resources declare
 * (dashboard files, state, events, history, live push, operations), checks its method and
 * access, and turns every failure into a status with a message; a stack trace goes to the
 * log, never to the client.
 */
final class ApiRoutes extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

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

    private final PathMappings<Route> routes = new PathMappings<>();
    private final ConflictRouting conflicts;
    private final Access access;
    private final HttpMetrics metrics;
    private final AtomicLong errorIds = new AtomicLong();

    ApiRoutes(StateQueries queries, EventFeed feed, ConflictCatalog catalog, HttpMetrics metrics,
              StateChanges changes, StateReads reads, LiveStreams live, OwnerProxy proxy, int maxBodyBytes,
              KnownAtSource knownAt, ComparisonRuns runs, Access access, PipelineStatus pipeline) {
        this.metrics = metrics;
        this.access = access;
        this.conflicts = new ConflictRouting(queries, catalog, reads, proxy);
        HistoryResource history = new HistoryResource(knownAt, runs, conflicts);
        List<Route> all = new ArrayList<>(new StaticFiles().routes());
        all.addAll(new StateResource(queries, catalog, reads, conflicts, history).routes());
        all.addAll(new EventsResource(queries, feed, catalog, reads, conflicts, maxBodyBytes).routes());
        all.addAll(history.routes());
        all.addAll(new LiveResource(live, conflicts).routes());
        all.addAll(new OperationsResource(queries, live, pipeline, metrics).routes());
        all.forEach(r -> routes.put(r.path(), r));
    }

    /** Set once the port is known, before the server starts: the proxy names this instance by it. */
    void proxy(OwnerProxy proxy) {
        conflicts.proxy(proxy);
    }

    /** Every route of the API, for the 404 that lists them (the dashboard's files left out). */
    private String endpoints() {
        return routes.streamResources().map(m -> m.getResource())
                .filter(r -> !r.pattern().equals("/") && !r.pattern().startsWith("/web/"))
                .map(r -> r.method() + " " + r.pattern())
                .collect(Collectors.joining(", ")) + " (see docs/api.md)";
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
            String path = normalised(jettyRequest.getHttpURI().getDecodedPath());
            MatchedResource<Route> matched = routes.getMatched(path);
            if (matched == null) {
                throw path.startsWith("/api/")
                        ? ApiException.notFound("no endpoint " + path + "; the API has " + endpoints())
                        : ApiException.notFound("nothing at " + path + "; the dashboard is at / and the API under /api (see docs/api.md)");
            }
            Route route = matched.getResource();
            pattern = route.pattern();
            if ("OPTIONS".equals(method) && !cors.isEmpty()) {
                response = new Response(204, null, null, Map.of());
            } else if (!route.method().equals(method)) {
                throw new ApiException(405, pattern + " answers " + route.method() + " only, not " + HttpMetrics.method(method),
                        Map.of("Allow", route.method()));
            } else {
                Request request = new Request(jettyRequest, jettyResponse);
                access.check(pattern, method, request);
                response = route.endpoint().answer(request, route.path().getPathParams(path));
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

    /** The path without a trailing slash ({@code /api/conflicts/} is {@code /api/conflicts}); the page's own name is {@code /}. */
    private static String normalised(String path) {
        String joined = "/" + Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).collect(Collectors.joining("/"));
        return joined.equals("/index.html") ? "/" : joined;
    }
}
