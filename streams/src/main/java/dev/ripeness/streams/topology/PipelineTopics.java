package dev.ripeness.streams.topology;

import dev.ripeness.topics.Topic;
import dev.ripeness.topics.Topics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The topics one run of the pipeline reads and writes: a name for each topic of the catalog
 * ({@link Topics#all()}, in its order, so every list here is derived from that one). The
 * live pipeline uses {@link #live()} (the catalog's names); a side run (replay verification,
 * model comparison) reads the same event log and writes its state beside the live one under
 * its own prefix, e.g. {@code ripeness-verify-1a2b.assessments}.
 */
public record PipelineTopics(Map<Topic<?, ?>, String> names) {

    public PipelineTopics {
        for (Topic<?, ?> topic : Topics.all()) {
            if (!names.containsKey(topic)) {
                throw new IllegalArgumentException("no name for topic " + topic.name());
            }
        }
        Map<Topic<?, ?>, String> ordered = new LinkedHashMap<>();
        for (Topic<?, ?> topic : Topics.all()) {
            ordered.put(topic, names.get(topic));
        }
        names = Collections.unmodifiableMap(ordered);
    }

    /** The live pipeline's topics, as declared in {@link Topics}. */
    public static PipelineTopics live() {
        return map((topic, name) -> name);
    }

    /**
     * Reads the live event log and writes every output (dead letters and state) to topics named
     * {@code <prefix>.<short name>}: {@code ripeness.assessments} becomes {@code <prefix>.assessments}.
     */
    public static PipelineTopics sideRun(String prefix) {
        return live().withOutputs(prefix);
    }

    /** These topics with the outputs renamed {@code <prefix>.<short name>}; the same event log. */
    public PipelineTopics withOutputs(String prefix) {
        return new PipelineTopics(rewrite((topic, name) -> topic == Topics.EVENTS ? name : rename(prefix, name)));
    }

    /** These topics reading another event log. */
    public PipelineTopics withEvents(String eventsTopic) {
        return new PipelineTopics(rewrite((topic, name) -> topic == Topics.EVENTS ? eventsTopic : name));
    }

    /** A separate deployment: every topic, the event log included, named {@code <prefix>.<short name>}. */
    public static PipelineTopics isolated(String prefix) {
        return map((topic, name) -> rename(prefix, name));
    }

    /** The name a side run with {@code prefix} gives to the live topic {@code liveName}. */
    public static String rename(String prefix, String liveName) {
        return prefix + "." + Topic.shortName(liveName);
    }

    /** This run's name for a topic of the catalog. */
    public String name(Topic<?, ?> topic) {
        return names.get(topic);
    }

    public String events() {
        return name(Topics.EVENTS);
    }

    public String deadLetters() {
        return name(Topics.DEAD_LETTERS);
    }

    public String actorDemand() {
        return name(Topics.ACTOR_DEMAND);
    }

    public String demandGap() {
        return name(Topics.DEMAND_GAP);
    }

    public String frontIndicators() {
        return name(Topics.FRONT_INDICATORS);
    }

    public String assessments() {
        return name(Topics.ASSESSMENTS);
    }

    public String assessmentTimeline() {
        return name(Topics.ASSESSMENT_TIMELINE);
    }

    /** The state topics (compacted, keyed), in the order of {@link Topics#state()}. */
    public List<String> stateTopics() {
        return Topics.state().stream().map(this::name).toList();
    }

    /** Every topic this run writes, in the order of {@link Topics#outputs()}. */
    public List<String> outputs() {
        return Topics.outputs().stream().map(this::name).toList();
    }

    /** Every topic this run writes, by its catalog declaration (serdes, configs), in catalog order. */
    public Map<Topic<?, ?>, String> outputTopics() {
        Map<Topic<?, ?>, String> out = new LinkedHashMap<>();
        Topics.outputs().forEach(t -> out.put(t, name(t)));
        return out;
    }

    private static PipelineTopics map(BiFunction<Topic<?, ?>, String, String> name) {
        Map<Topic<?, ?>, String> names = new LinkedHashMap<>();
        Topics.all().forEach(t -> names.put(t, name.apply(t, t.name())));
        return new PipelineTopics(names);
    }

    private Map<Topic<?, ?>, String> rewrite(BiFunction<Topic<?, ?>, String, String> name) {
        Map<Topic<?, ?>, String> out = new LinkedHashMap<>();
        names.forEach((t, n) -> out.put(t, name.apply(t, n)));
        return out;
    }
}
