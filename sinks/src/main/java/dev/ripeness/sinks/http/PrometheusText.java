package dev.ripeness.sinks.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The Prometheus text exposition format (version 0.0.4): one {@code # HELP} and
 * {@code # TYPE} per family, all of a family's samples together. Kafka metric
 * {@code group/name} becomes {@code kafka_<group>_<name>} with the metric's tags as labels,
 * e.g. {@code kafka_consumer_fetch_manager_metrics_records_lag_max{client_id="..."}}.
 */
final class PrometheusText {

    /** Content type Prometheus scrapers expect. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder();

    void family(String name, String type, String help, List<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (Sample s : samples) {
            out.append(name).append(s.suffix());
            if (!s.labels().isEmpty()) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, String> label : s.labels().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    out.append(sanitize(label.getKey())).append("=\"").append(escapeLabel(label.getValue())).append('"');
                }
                out.append('}');
            }
            out.append(' ').append(number(s.value())).append('\n');
        }
    }

    /** One line of a family; {@code suffix} is e.g. {@code _sum} for summaries. */
    record Sample(String suffix, Map<String, String> labels, double value) {
        static Sample of(Map<String, String> labels, double value) {
            return new Sample("", labels, value);
        }
    }

    void gauge(String name, String help, double value) {
        family(name, "gauge", help, List.of(Sample.of(Map.of(), value)));
    }

    /** Every numeric Kafka metric as a gauge; non-numeric ones (versions, states as text) are left out. */
    void kafka(Map<MetricName, ? extends Metric> metrics) {
        Map<String, List<Sample>> families = new TreeMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        List<Map.Entry<MetricName, ? extends Metric>> entries = new ArrayList<>(metrics.entrySet());
        entries.sort(Comparator.comparing(e -> e.getKey().group() + "/" + e.getKey().name() + e.getKey().tags()));
        for (Map.Entry<MetricName, ? extends Metric> e : entries) {
            Object value;
            try {
                value = e.getValue().metricValue();
            } catch (RuntimeException ex) {
                continue;
            }
            if (!(value instanceof Number number)) {
                continue;
            }
            MetricName n = e.getKey();
            String family = "kafka_" + sanitize(n.group()) + "_" + sanitize(n.name());
            helps.putIfAbsent(family, n.description() == null || n.description().isBlank() ? n.group() + " " + n.name() : n.description());
            Map<String, String> labels = new TreeMap<>();
            n.tags().forEach((k, v) -> labels.put(sanitize(k), v));
            List<Sample> samples = families.computeIfAbsent(family, f -> new ArrayList<>());
            // Two clients can register the same name and tags; Prometheus rejects duplicate series.
            if (samples.stream().noneMatch(s -> s.labels().equals(labels))) {
                samples.add(Sample.of(labels, number.doubleValue()));
            }
        }
        families.forEach((family, samples) -> family(family, "gauge", helps.get(family), samples));
    }

    static String sanitize(String name) {
        String s = name.replaceAll("[^a-zA-Z0-9_]", "_");
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    private static String escapeLabel(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
