package dev.ripeness.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripeness.schema.ActorAssessment;
import dev.ripeness.schema.Components;
import dev.ripeness.schema.Driver;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.json.AvroJson;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an assessment is shown: the JSON shape scripts and the HTTP API share, and a table
 * for people. One place, so the command and the API cannot drift apart.
 */
public final class AssessmentView {

    private AssessmentView() {}

    /**
     * The record's JSON as the schema names it (every field, null numbers as JSON null): what
     * the HTTP API answers and {@code state --json} prints.
     */
    public static JsonNode json(RipenessAssessment a) {
        return AvroJson.toTree(a);
    }

    /**
     * The order of "top drivers": the ripeness's own drivers first, then the largest moves; the
     * bookkeeping entries that make a component add up ("(earlier events)", "(decay)") last.
     */
    static final Comparator<Driver> TOP_FIRST = Comparator
            .comparing((Driver d) -> d.getEventId().startsWith("("))
            .thenComparing(d -> !"ripeness".equals(d.getComponent()))
            .thenComparing(d -> -Math.abs(d.getDelta()));

    /** A readable table: headline, components, per-actor values, mediator, top drivers. */
    public static String table(RipenessAssessment a, int maxDrivers) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s as of %s (model %s, %d events)%n%n", a.getConflict(), a.getAsOf(),
                a.getModelVersion(), a.getEventCount()));
        b.append(String.format(Locale.ROOT, "  ripeness   %s%s  %s   pathway %s%n%n", num(a.getRipeness()),
                a.getRipenessLow() == null || a.getRipenessHigh() == null ? ""
                        : " [" + num(a.getRipenessLow()) + "-" + num(a.getRipenessHigh()) + "]",
                a.getBand(), a.getPathway()));
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
            a.getDrivers().stream().sorted(TOP_FIRST).limit(maxDrivers).forEach(d -> b.append(String.format(Locale.ROOT,
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
