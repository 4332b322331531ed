package dev.ripeness.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripeness.streams.query.StateQueries;
import dev.ripeness.streams.query.StateUnavailableException;
import java.util.List;
import java.util.Map;

/** What operators and their probes read: liveness, readiness and metrics. */
final class OperationsResource {

    private final StateQueries queries;
    private final LiveStreams live;
    private final PipelineStatus pipeline;
    private final HttpMetrics metrics;

    OperationsResource(StateQueries queries, LiveStreams live, PipelineStatus pipeline, HttpMetrics metrics) {
        this.queries = queries;
        this.live = live;
        this.pipeline = pipeline;
        this.metrics = metrics;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/health", (r, p) -> health(r)),
                Route.get("/ready", (r, p) -> ready(r)),
                Route.get("/metrics", (r, p) -> metrics(r)));
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
