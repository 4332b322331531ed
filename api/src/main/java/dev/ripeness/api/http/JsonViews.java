package dev.ripeness.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.producers.feed.FeedReport;
import dev.ripeness.producers.feed.RecordResult;
import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.Driver;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.json.AvroJson;
import dev.ripeness.streams.query.AssessmentView;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The JSON shapes the API answers with; Avro records render through {@link AvroJson}, extended where a client needs labels or totals. */
final class JsonViews {

    private JsonViews() {}

    static ObjectNode object() {
        return AvroJson.MAPPER.createObjectNode();
    }

    /** A conflict's configuration as a client needs it to label charts: actors, ladders with rung labels, fronts. */
    static ObjectNode conflict(ConflictConfig c, boolean hasState) {
        ObjectNode node = object();
        node.put("id", c.id());
        node.put("name", c.name());
        node.put("description", c.description());
        node.put("start", c.start());
        node.put("hasState", hasState);
        ArrayNode actors = node.putArray("actors");
        for (ConflictConfig.Actor a : c.actors()) {
            ObjectNode actor = actors.addObject();
            actor.put("code", a.code());
            actor.put("name", a.name());
            actor.put("role", a.role() == null ? null : a.role().name());
            actor.put("demandDirection", a.demandDirection() == null ? null : a.demandDirection().name());
            actor.put("side", a.sideOrCode());
        }
        ArrayNode dimensions = node.putArray("dimensions");
        for (ConflictConfig.Dimension d : c.dimensions()) {
            ObjectNode dimension = dimensions.addObject();
            dimension.put("id", d.id());
            dimension.put("label", d.label());
            ArrayNode rungs = dimension.putArray("rungs");
            for (int i = 0; i < d.rungs().size(); i++) {
                ObjectNode rung = rungs.addObject();
                rung.put("rank", i);
                rung.put("id", d.rungs().get(i).id());
                rung.put("label", d.rungs().get(i).label());
            }
        }
        ArrayNode fronts = node.putArray("fronts");
        for (ConflictConfig.Front f : c.fronts()) {
            fronts.addObject().put("id", f.id()).put("label", f.label());
        }
        return node;
    }

    /** An assessment as published: conflict, asOf, ripeness, band, pathway, components, actors, mediator, drivers. */
    static JsonNode ripeness(RipenessAssessment a) {
        return AssessmentView.json(a);
    }

    static ObjectNode timeline(String conflict, LocalDate from, LocalDate to, List<RipenessAssessment> points) {
        ObjectNode node = object();
        node.put("conflict", conflict);
        node.put("from", from == null ? null : from.toString());
        node.put("to", to == null ? null : to.toString());
        node.put("count", points.size());
        ArrayNode array = node.putArray("points");
        points.forEach(p -> array.add(AssessmentView.json(p)));
        return node;
    }

    /** An actor's demand state, each position with its rung labels from the conflict's ladders. */
    static JsonNode actor(ActorDemandState state, ConflictConfig config) {
        ObjectNode node = (ObjectNode) AvroJson.toTree(state);
        for (JsonNode position : node.withArray("positions")) {
            ObjectNode p = (ObjectNode) position;
            config.dimension(p.path("dimension").asText()).ifPresent(d -> {
                p.put("dimensionLabel", d.label());
                p.put("demandLabel", label(d, p.path("demand").asText(null)));
                p.put("acceptLabel", label(d, p.path("accept").asText(null)));
                p.put("ladderTop", d.top());
            });
        }
        return node;
    }

    private static String label(ConflictConfig.Dimension d, String rungId) {
        if (rungId == null) {
            return null;
        }
        return d.rungs().stream().filter(r -> r.id().equals(rungId)).map(ConflictConfig.Rung::label).findFirst().orElse(rungId);
    }

    static ObjectNode fronts(String conflict, LocalDate asOf, List<FrontIndicators> fronts) {
        ObjectNode node = object();
        node.put("conflict", conflict);
        node.put("asOf", asOf == null ? null : asOf.toString());
        ArrayNode array = node.putArray("fronts");
        fronts.forEach(f -> array.add(AvroJson.toTree(f)));
        return node;
    }

    /**
     * Which events moved which component, by how much: the assessment's drivers, grouped by
     * event (in the order they appear) and summed per component, plus the demand gaps' drivers.
     */
    static ObjectNode explain(RipenessAssessment a, List<DemandGap> gaps, Map<String, Event> details,
                              Optional<ConflictConfig> config) {
        ObjectNode node = object();
        node.put("conflict", a.getConflict());
        node.put("asOf", a.getAsOf());
        node.put("modelVersion", a.getModelVersion());
        node.put("ripeness", a.getRipeness());
        node.put("band", a.getBand());
        node.put("pathway", a.getPathway());
        node.put("eventCount", a.getEventCount());
        node.put("lastEventId", a.getLastEventId());
        node.set("components", AvroJson.toTree(a.getComponents()));
        Map<String, Double> byComponent = new TreeMap<>();
        Map<String, ArrayNode> byEvent = new LinkedHashMap<>();
        for (Driver d : a.getDrivers()) {
            byComponent.merge(d.getComponent(), d.getDelta(), Double::sum);
            byEvent.computeIfAbsent(d.getEventId(), id -> AvroJson.MAPPER.createArrayNode())
                    .addObject().put("component", d.getComponent()).put("delta", d.getDelta()).put("note", d.getNote());
        }
        ObjectNode components = node.putObject("deltaByComponent");
        byComponent.forEach(components::put);
        ArrayNode events = node.putArray("events");
        byEvent.forEach((eventId, drivers) -> {
            ObjectNode event = events.addObject();
            event.put("eventId", eventId);
            event.set("drivers", drivers);
        });
        ArrayNode drivers = node.putArray("drivers");
        a.getDrivers().forEach(d -> drivers.add(AvroJson.toTree(d)));
        ArrayNode gapNodes = node.putArray("demandGaps");
        gaps.forEach(g -> gapNodes.add(AvroJson.toTree(g)));
        node.set("eventDetails", events(details, config));
        return node;
    }

    /** Events by id, each with the names of its actor, target and front where the configuration has them. */
    static ObjectNode events(Map<String, Event> events, Optional<ConflictConfig> config) {
        ObjectNode node = object();
        events.forEach((id, e) -> node.set(id, event(e, config)));
        return node;
    }

    /**
     * A page of a period's events for a map or a series: per event its date, actor (name, side), target,
     * type, front, casualties, confidence and location (null when its source gives none), plus how many
     * of the page are placed and how many not, and the cursor of the next page (null on the last).
     */
    static ObjectNode eventList(String conflict, LocalDate from, LocalDate to, List<Event> events, String next,
                                Optional<ConflictConfig> config) {
        ObjectNode node = object();
        node.put("conflict", conflict);
        node.put("from", from == null ? null : from.toString());
        node.put("to", to == null ? null : to.toString());
        ArrayNode list = node.putArray("events");
        int placed = 0;
        for (Event e : events) {
            ObjectNode n = list.addObject();
            n.put("eventId", e.getEventId());
            n.put("date", e.getDate());
            n.put("actor", e.getActor());
            config.flatMap(c -> c.actor(e.getActor())).ifPresent(a -> n.put("actorName", a.name()).put("side", a.sideOrCode()));
            n.put("target", e.getTarget());
            n.put("type", e.getType());
            n.put("front", e.getFront());
            n.put("casualties", e.getCasualties());
            n.put("confidence", e.getConfidence());
            if (e.getLocation() == null) {
                n.putNull("location");
            } else {
                placed++;
                n.set("location", AvroJson.toTree(e.getLocation()));
            }
        }
        node.put("count", events.size());
        node.put("placed", placed);
        node.put("unplaced", events.size() - placed);
        node.put("next", next);
        return node;
    }

    /**
     * An event as an analyst reads it. {@code origin} is left out: it can name a file on the
     * server or a client's address, which a reader of the dashboard has no business seeing.
     */
    static ObjectNode event(Event e, Optional<ConflictConfig> config) {
        ObjectNode node = (ObjectNode) AvroJson.toTree(e);
        node.remove("origin");
        config.ifPresent(c -> {
            c.actor(e.getActor()).ifPresent(a -> node.put("actorName", a.name()).put("side", a.sideOrCode()));
            if (e.getTarget() != null) {
                c.actor(e.getTarget()).ifPresent(a -> node.put("targetName", a.name()));
            }
            if (e.getFront() != null) {
                c.fronts().stream().filter(f -> f.id().equals(e.getFront())).findFirst()
                        .ifPresent(f -> node.put("frontLabel", f.label()));
            }
        });
        return node;
    }

    /** A feed's outcome: counts and one result per record, in input order. */
    static ObjectNode feedReport(FeedReport report) {
        ObjectNode node = object();
        node.put("accepted", report.accepted());
        node.put("duplicates", report.duplicates());
        node.put("rejected", report.rejected());
        ArrayNode results = node.putArray("results");
        for (RecordResult r : report.results()) {
            results.addObject().put("index", r.index()).put("eventId", r.eventId())
                    .put("status", r.status().name()).put("reason", r.reason());
        }
        return node;
    }
}
