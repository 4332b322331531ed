package dev.ripeness.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripeness.schema.RipenessAssessment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the pipeline said in the past ({@code knownAt}) and what other models say (comparison
 * runs). Both read the log or side topics directly, not this instance's stores: any instance
 * answers, nothing is forwarded.
 */
final class HistoryResource {

    private final KnownAtSource knownAt;
    private final ComparisonRuns runs;
    private final ConflictRouting conflicts;

    HistoryResource(KnownAtSource knownAt, ComparisonRuns runs, ConflictRouting conflicts) {
        this.knownAt = knownAt;
        this.runs = runs;
        this.conflicts = conflicts;
    }

    List<Route> routes() {
        return List.of(Route.get("/api/runs", (r, p) -> runs(r)));
    }

    private KnownAtSource requireKnownAt() {
        if (knownAt == null) {
            throw new ApiException(501, "this instance answers no `knownAt` queries (no known-at source configured); "
                    + "`ripeness run` configures one, or use `ripeness replay --known-at`");
        }
        return knownAt;
    }

    Response knownAtRipeness(Request request, String conflict) {
        request.allowOnly("asOf", "knownAt");
        LocalDate asOf = request.date("asOf");
        Instant at = request.instant("knownAt");
        KnownAtSource source = requireKnownAt();
        conflicts.require(conflict);
        RipenessAssessment assessment = source.ripeness(conflict, at, asOf).orElseThrow(() -> ApiException.notFound(
                "conflict `" + conflict + "` has no assessment from the events recorded up to " + at
                        + (asOf == null ? "" : " dated on or before " + asOf)));
        ObjectNode node = (ObjectNode) JsonViews.ripeness(assessment);
        node.put("knownAt", at.toString());
        return Response.ok(node);
    }

    Response knownAtTimeline(Request request, String conflict) {
        if (request.param("run") != null) {
            throw ApiException.badRequest("give either `knownAt` or `run`, not both: a comparison run has no record of when it knew what");
        }
        request.allowOnly("from", "to", "knownAt");
        Request.Period period = request.period();
        Instant at = request.instant("knownAt");
        KnownAtSource source = requireKnownAt();
        conflicts.require(conflict);
        ObjectNode node = JsonViews.timeline(conflict, period.from(), period.to(), period.within(source.timeline(conflict, at)));
        node.put("knownAt", at.toString());
        return Response.ok(node);
    }

    Response runTimeline(Request request, String conflict) {
        request.allowOnly("from", "to", "run");
        Request.Period period = request.period();
        String run = request.param("run");
        if (runs == null) {
            throw new ApiException(501, "this instance has no comparison runs to read (none configured); "
                    + "`ripeness run` reads those kept by `ripeness replay --compare --keep`");
        }
        conflicts.require(conflict);
        List<RipenessAssessment> points = runs.timeline(run, conflict).orElseThrow(() -> ApiException.notFound(
                "no comparison run `" + run + "`; kept runs: " + (runs.runs().isEmpty()
                        ? "none (keep one with `ripeness replay --model FILE --compare --keep`)"
                        : String.join(", ", runs.runs())) + " (GET /api/runs lists them)"));
        ObjectNode node = JsonViews.timeline(conflict, period.from(), period.to(), period.within(points));
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
}
