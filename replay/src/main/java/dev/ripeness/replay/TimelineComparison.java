package dev.ripeness.replay;

import dev.ripeness.schema.ActorAssessment;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.topics.Topics;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where two assessment timelines (the live one and a side run's) differ: every numeric
 * component on every conflict date, ranked by the size of the difference, plus the dates
 * whose band or pathway changed. A date present on one side only compares with 0.
 */
public final class TimelineComparison {

    /** One component on one date: {@code live} and {@code other} (NaN when absent there). */
    public record Change(String conflict, String date, String component, double live, double other) {
        public double size() {
            return Math.abs(value(live) - value(other));
        }

        private static double value(double v) {
            return Double.isNaN(v) ? 0 : v;
        }

        public String describe() {
            return String.format(Locale.ROOT, "%s %s %-36s %s -> %s  (%+.3f)", conflict, date, component,
                    show(live), show(other), value(other) - value(live));
        }

        private static String show(double v) {
            return Double.isNaN(v) ? "absent" : String.format(Locale.ROOT, "%.3f", v);
        }
    }

    /** A date whose band or pathway is not the same in both runs. */
    public record Verdict(String conflict, String date, String live, String other) {
        public String describe() {
            return conflict + " " + date + " " + live + " -> " + other;
        }
    }

    private final List<Change> changes = new ArrayList<>();
    private final List<Verdict> verdicts = new ArrayList<>();

    private TimelineComparison() {}

    /** Compares two snapshots of the assessment-timeline topic (key {@code conflict|date}). */
    public static TimelineComparison of(Map<String, ByteBuffer> live, Map<String, ByteBuffer> other) {
        TimelineComparison c = new TimelineComparison();
        TreeSet<String> keys = new TreeSet<>(live.keySet());
        keys.addAll(other.keySet());
        for (String key : keys) {
            int bar = key.lastIndexOf('|');
            String conflict = key.substring(0, bar);
            String date = key.substring(bar + 1);
            Map<String, Double> a = components(decode(live.get(key)));
            Map<String, Double> b = components(decode(other.get(key)));
            TreeSet<String> names = new TreeSet<>(a.keySet());
            names.addAll(b.keySet());
            for (String name : names) {
                double x = a.getOrDefault(name, Double.NaN);
                double y = b.getOrDefault(name, Double.NaN);
                if (Double.compare(x, y) != 0) {
                    c.changes.add(new Change(conflict, date, name, x, y));
                }
            }
            String va = verdict(decode(live.get(key)));
            String vb = verdict(decode(other.get(key)));
            if (!va.equals(vb)) {
                c.verdicts.add(new Verdict(conflict, date, va, vb));
            }
        }
        c.changes.sort(Comparator.comparingDouble(Change::size).reversed()
                .thenComparing(Change::date).thenComparing(Change::component));
        return c;
    }

    /** Every changed component, largest difference first. */
    public List<Change> changes() {
        return changes;
    }

    /** The {@code n} largest. */
    public List<Change> top(int n) {
        return changes.subList(0, Math.min(n, changes.size()));
    }

    /** Dates whose band or pathway differs, oldest first. */
    public List<Verdict> verdicts() {
        return verdicts;
    }

    public boolean identical() {
        return changes.isEmpty() && verdicts.isEmpty();
    }

    private static RipenessAssessment decode(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        byte[] b = new byte[bytes.remaining()];
        bytes.duplicate().get(b);
        return Topics.ASSESSMENT_TIMELINE.valueSerde().deserializer().deserialize(Topics.ASSESSMENT_TIMELINE.name(), b);
    }

    private static String verdict(RipenessAssessment a) {
        return a == null ? "absent" : a.getBand() + "/" + a.getPathway();
    }

    /** The numeric components of an assessment by name, e.g. {@code ripeness}, {@code actor RUS hurt}. */
    static Map<String, Double> components(RipenessAssessment a) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (a == null) {
            return out;
        }
        out.put("ripeness", a.getRipeness());
        out.put("mhs", a.getComponents().getMhs());
        out.put("wayOut", a.getComponents().getWayOut());
        if (a.getComponents().getDemandGap() != null) {
            out.put("demandGap", a.getComponents().getDemandGap());
        }
        out.put("catastrophe", a.getComponents().getCatastrophe());
        out.put("opportunity", a.getComponents().getOpportunity());
        new java.util.TreeMap<>(a.getActors()).forEach((actor, s) -> put(out, "actor " + actor, s));
        return out;
    }

    private static void put(Map<String, Double> out, String prefix, ActorAssessment s) {
        out.put(prefix + " perceivedStalemate", s.getPerceivedStalemate());
        out.put(prefix + " hurt", s.getHurt());
        if (s.getDemandIndex() != null) {
            out.put(prefix + " demandIndex", s.getDemandIndex());
        }
        out.put(prefix + " momentum", s.getMomentum());
    }
}
