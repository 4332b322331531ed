package dev.ripeness.streams.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripeness.schema.ActorAssessment;
import dev.ripeness.schema.Components;
import dev.ripeness.schema.Driver;
import dev.ripeness.schema.RipenessAssessment;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an assessment is shown: the JSON shape scripts and the HTTP API share, and a table
 * for people. One place, so the command and the API cannot drift apart.
 */
public final class AssessmentView {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AssessmentView() {}

    /**
     * {@code {conflict, asOf, modelVersion, ripeness, band, pathway, components{mhs, wayOut,
     * demandGap, zopa, catastrophe, opportunity}, actors{code{perceivedStalemate, hurt,
     * demandIndex, momentum}}, mediator{actor, stance, reversals}, drivers[{eventId, component,
     * delta, note}]}}; null numbers are JSON null (unknown).
     */
    public static ObjectNode json(RipenessAssessment a) {
        ObjectNode root = NODES.objectNode();
        root.put("conflict", a.getConflict());
        root.put("asOf", a.getAsOf());
        root.put("modelVersion", a.getModelVersion());
        root.put("ripeness", a.getRipeness());
        root.put("band", a.getBand());
        root.put("pathway", a.getPathway());
        Components c = a.getComponents();
        ObjectNode components = root.putObject("components");
        components.put("mhs", c.getMhs());
        components.put("wayOut", c.getWayOut());
        components.put("demandGap", c.getDemandGap());
        components.put("zopa", c.getZopa());
        components.put("catastrophe", c.getCatastrophe());
        components.put("opportunity", c.getOpportunity());
        ObjectNode actors = root.putObject("actors");
        new TreeMap<>(a.getActors()).forEach((code, v) -> {
            ObjectNode n = actors.putObject(code);
            n.put("perceivedStalemate", v.getPerceivedStalemate());
            n.put("hurt", v.getHurt());
            n.put("demandIndex", v.getDemandIndex());
            n.put("momentum", v.getMomentum());
        });
        ObjectNode mediator = root.putObject("mediator");
        mediator.put("actor", a.getMediator().getActor());
        mediator.put("stance", a.getMediator().getStance());
        mediator.put("reversals", a.getMediator().getReversals());
        ArrayNode drivers = root.putArray("drivers");
        for (Driver d : a.getDrivers()) {
            ObjectNode n = drivers.addObject();
            n.put("eventId", d.getEventId());
            n.put("component", d.getComponent());
            n.put("delta", d.getDelta());
            n.put("note", d.getNote());
        }
        root.put("eventCount", a.getEventCount());
        return root;
    }

    /** A readable table: headline, components, per-actor values, mediator, top drivers. */
    public static String table(RipenessAssessment a, int maxDrivers) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s as of %s (model %s, %d events)%n%n", a.getConflict(), a.getAsOf(),
                a.getModelVersion(), a.getEventCount()));
        b.append(String.format(Locale.ROOT, "  ripeness   %s  %s   pathway %s%n%n", num(a.getRipeness()), a.getBand(),
                a.getPathway()));
        Components c = a.getComponents();
        b.append("  component     value\n");
        row(b, "MHS", c.getMhs());
        row(b, "way out", c.getWayOut());
        row(b, "demand gap", c.getDemandGap());
        b.append(String.format(Locale.ROOT, "  %-12s  %s%n", "ZOPA", c.getZopa()));
        row(b, "catastrophe", c.getCatastrophe());
        row(b, "opportunity", c.getOpportunity());
        b.append(String.format(Locale.ROOT, "%n  %-8s %10s %6s %8s %9s%n", "actor", "stalemate", "hurt", "demand", "momentum"));
        Map<String, ActorAssessment> actors = new TreeMap<>(a.getActors());
        actors.forEach((code, v) -> b.append(String.format(Locale.ROOT, "  %-8s %10s %6s %8s %9s%n", code,
                num(v.getPerceivedStalemate()), num(v.getHurt()), num(v.getDemandIndex()), signed(v.getMomentum()))));
        b.append(String.format(Locale.ROOT, "%n  mediator %s  stance %s (0 = PLAN_A, 1 = PLAN_B)  reversals %d%n",
                a.getMediator().getActor() == null ? "-" : a.getMediator().getActor(), num(a.getMediator().getStance()),
                a.getMediator().getReversals()));
        if (!a.getDrivers().isEmpty()) {
            b.append("\n  top drivers\n");
            a.getDrivers().stream().limit(maxDrivers).forEach(d -> b.append(String.format(Locale.ROOT,
                    "  %-24s %8s  %s%n      %s%n", d.getComponent(), signed(d.getDelta()), d.getEventId(),
                    d.getNote() == null ? "" : d.getNote())));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, Double v) {
        b.append(String.format(Locale.ROOT, "  %-12s  %s%n", name, num(v)));
    }

    private static String num(Double v) {
        return v == null ? "unknown" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String signed(Double v) {
        return v == null ? "unknown" : String.format(Locale.ROOT, "%+.3f", v);
    }
}
