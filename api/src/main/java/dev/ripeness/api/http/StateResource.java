package dev.ripeness.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.json.AvroJson;
import dev.ripeness.streams.query.StateQueries;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The conflicts and their state as the pipeline holds it now: the list, and per conflict its
 * ripeness, timeline, fronts, explanation and actors. A {@code knownAt} or {@code run}
 * parameter hands the request to {@link HistoryResource}.
 */
final class StateResource {

    private final StateQueries queries;
    private final ConflictCatalog catalog;
    private final StateReads reads;
    private final ConflictRouting conflicts;
    private final HistoryResource history;

    StateResource(StateQueries queries, ConflictCatalog catalog, StateReads reads, ConflictRouting conflicts,
                  HistoryResource history) {
        this.queries = queries;
        this.catalog = catalog;
        this.reads = reads;
        this.conflicts = conflicts;
        this.history = history;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/conflicts", (r, p) -> conflicts(r)),
                Route.get("/api/conflicts/{id}/ripeness", (r, p) -> r.param("knownAt") != null
                        ? history.knownAtRipeness(r, p.get("id"))
                        : conflicts.routed(r, p.get("id"), () -> ripeness(r, p.get("id")))),
                Route.get("/api/conflicts/{id}/timeline", (r, p) -> r.param("knownAt") != null
                        ? history.knownAtTimeline(r, p.get("id"))
                        : r.param("run") != null ? history.runTimeline(r, p.get("id"))
                        : conflicts.routed(r, p.get("id"), () -> timeline(r, p.get("id")))),
                Route.get("/api/conflicts/{id}/fronts", (r, p) -> conflicts.routed(r, p.get("id"), () -> fronts(r, p.get("id")))),
                Route.get("/api/conflicts/{id}/explain", (r, p) -> conflicts.routed(r, p.get("id"), () -> explain(r, p.get("id")))),
                Route.get("/api/conflicts/{id}/actors/{actor}",
                        (r, p) -> conflicts.routed(r, p.get("id"), () -> actor(r, p.get("id"), p.get("actor")))));
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
        return Response.ok(JsonViews.ripeness(assessment(conflict, request.date("asOf"))));
    }

    private RipenessAssessment assessment(String conflict, LocalDate asOf) {
        return reads.read(() -> queries.ripeness(conflict, asOf)).orElseThrow(() -> ApiException.notFound(
                "conflict `" + conflict + "` has no assessment " + (asOf == null
                        ? "yet: no event of it has been processed"
                        : "as of " + asOf + ": none of its events is dated on or before that day")));
    }

    private Response timeline(Request request, String conflict) {
        request.allowOnly("from", "to", "knownAt", "run");
        Request.Period period = request.period();
        return Response.ok(JsonViews.timeline(conflict, period.from(), period.to(),
                reads.read(() -> queries.timeline(conflict, period.from(), period.to()))));
    }

    private Response actor(Request request, String conflict, String actor) {
        request.allowOnly("asOf");
        LocalDate asOf = request.date("asOf");
        Optional<ConflictConfig> config = conflicts.require(conflict);
        if (config.isPresent() && config.get().actor(actor).isEmpty()) {
            throw ApiException.notFound("conflict `" + conflict + "` has no actor `" + actor + "`; its actors are "
                    + config.get().actors().stream().map(ConflictConfig.Actor::code).collect(Collectors.joining(", ")));
        }
        ActorDemandState state = reads.read(() -> queries.actor(conflict, actor, asOf)).orElseThrow(() -> ApiException.notFound(
                "actor `" + actor + "` of `" + conflict + "` has no demand state " + (asOf == null ? "yet" : "as of " + asOf)
                        + ": it has stated no demand in the events processed so far"));
        return Response.ok(config.map(c -> JsonViews.actor(state, c)).orElseGet(() -> AvroJson.toTree(state)));
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
        Map<String, Event> details = reads.read(() -> queries.events(conflict, named));
        return Response.ok(JsonViews.explain(assessment, reads.read(() -> queries.demandGaps(conflict, asOf)), details,
                catalog.find(conflict)));
    }
}
