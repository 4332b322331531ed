package dev.ripeness.api.live;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change of the pipeline's state, as pushed to live clients.
 *
 * @param kind which state changed: {@code assessment}, {@code actor-demand},
 *     {@code front-indicators} or {@code demand-gap} (the SSE event name)
 * @param conflict the conflict id (the first part of the topic key)
 * @param key the state topic's key, e.g. {@code russia-ukraine|RU}
 * @param value the new value as plain JSON
 */
public record StateChange(String kind, String conflict, String key, JsonNode value) {

    /** The SSE event name for an assessment. */
    public static final String ASSESSMENT = "assessment";
    /** The SSE event name for an actor's demand state. */
    public static final String ACTOR_DEMAND = "actor-demand";
    /** The SSE event name for a front's indicators. */
    public static final String FRONT_INDICATORS = "front-indicators";
    /** The SSE event name for a demand gap. */
    public static final String DEMAND_GAP = "demand-gap";
}
