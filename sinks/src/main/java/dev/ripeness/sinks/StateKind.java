package dev.ripeness.sinks;

import dev.ripeness.topics.Topic;
import dev.ripeness.topics.Topics;
import org.apache.avro.specific.SpecificRecord;

/**
 * The state topics a sink mirrors, each with the catalog topic that declares its serdes and
 * the short name sinks use for tables and files.
 */
public enum StateKind {
    ACTOR_DEMAND(Topics.ACTOR_DEMAND, "actor-demand"),
    DEMAND_GAP(Topics.DEMAND_GAP, "demand-gap"),
    FRONT_INDICATORS(Topics.FRONT_INDICATORS, "front-indicators"),
    ASSESSMENTS(Topics.ASSESSMENTS, "assessments"),
    ASSESSMENT_TIMELINE(Topics.ASSESSMENT_TIMELINE, "assessment-timeline");

    private final Topic<String, ? extends SpecificRecord> topic;
    private final String shortName;

    StateKind(Topic<String, ? extends SpecificRecord> topic, String shortName) {
        this.topic = topic;
        this.shortName = shortName;
    }

    /** The catalog declaration: default name, key format and value serde. */
    public Topic<String, ? extends SpecificRecord> topic() {
        return topic;
    }

    /** Name used for files ({@code assessment-timeline.jsonl}); stable even when topic names are overridden. */
    public String shortName() {
        return shortName;
    }

    /** Decodes a value of this topic; {@code null} (a tombstone) stays {@code null}. */
    public SpecificRecord decode(String topicName, byte[] bytes) {
        return bytes == null ? null : topic.valueSerde().deserializer().deserialize(topicName, bytes);
    }
}
