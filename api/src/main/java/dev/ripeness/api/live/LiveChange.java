package dev.ripeness.api.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripeness.topics.Topic;
import dev.ripeness.topics.Topics;

/**
 * One change of the pipeline's state, as pushed to live clients: what goes on the wire.
 * Not the sinks' {@code StateChange}, a decoded state-topic record kept with its offset so
 * that a sink can store it; this one carries the SSE event name and plain JSON instead.
 *
 * @param kind which state changed, the SSE event name ({@link #kindOf})
 * @param conflict the conflict id (the first part of the topic key)
 * @param key the state topic's key, e.g. {@code russia-ukraine|RU}
 * @param value the new value as plain JSON
 */
public record LiveChange(String kind, String conflict, String key, JsonNode value) {

    /** The SSE event name for an assessment. */
    public static final String ASSESSMENT = "assessment";
    /** The SSE event name for an actor's demand state. */
    public static final String ACTOR_DEMAND = "actor-demand";
    /** The SSE event name for a front's indicators. */
    public static final String FRONT_INDICATORS = "front-indicators";
    /** The SSE event name for a demand gap. */
    public static final String DEMAND_GAP = "demand-gap";

    /** The kind the dashboard knows a topic's changes by: its short name, but {@code assessment} for the latest assessment. */
    public static String kindOf(Topic<?, ?> topic) {
        return topic == Topics.ASSESSMENTS ? ASSESSMENT : topic.shortName();
    }
}
