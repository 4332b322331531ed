package dev.ripeness.sinks;

import dev.ripeness.topics.Topic;
import dev.ripeness.topics.Topics;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The state topics a sink mirrors, each naming its catalog topic (serdes, short name). The
 * constants exist because each kind has sink facts of its own (its table's columns,
 * {@link StateColumns}); which topics are state topics, their order and their names come
 * from {@link Topics#state()}, and loading this class fails if the two ever part.
 */
public enum StateKind {
    ACTOR_DEMAND(Topics.ACTOR_DEMAND),
    DEMAND_GAP(Topics.DEMAND_GAP),
    FRONT_INDICATORS(Topics.FRONT_INDICATORS),
    ASSESSMENTS(Topics.ASSESSMENTS),
    ASSESSMENT_TIMELINE(Topics.ASSESSMENT_TIMELINE);

    static {
        List<Topic<?, ?>> kinds = Arrays.stream(values()).<Topic<?, ?>>map(StateKind::topic).toList();
        if (!kinds.equals(Topics.state())) {
            throw new IllegalStateException("StateKind lists " + kinds.stream().map(Topic::name).toList()
                    + " but the catalog's state topics are " + Topics.state().stream().map(Topic::name).toList()
                    + ": add the kind (and its columns in StateColumns) for a new state topic");
        }
    }

    private final Topic<String, ? extends SpecificRecord> topic;

    StateKind(Topic<String, ? extends SpecificRecord> topic) {
        this.topic = topic;
    }

    /** The catalog declaration: default name, key format and value serde. */
    public Topic<String, ? extends SpecificRecord> topic() {
        return topic;
    }

    /** Name used for files ({@code assessment-timeline.jsonl}); stable even when topic names are overridden. */
    public String shortName() {
        return topic.shortName();
    }

    /** Decodes a value of this topic; {@code null} (a tombstone) stays {@code null}. */
    public SpecificRecord decode(String topicName, byte[] bytes) {
        return bytes == null ? null : topic.valueSerde().deserializer().deserialize(topicName, bytes);
    }
}
