package dev.ripeness.sinks;

import org.apache.avro.specific.SpecificRecord;

/**
 * One record of a state topic, decoded: the new value of {@code key}, or its deletion when
 * {@code value} is null (a tombstone). The API's live push sends its own wire form,
 * {@code dev.ripeness.api.live.LiveChange}.
 */
public record StateChange(StateKind kind, String key, SpecificRecord value, String topic, int partition, long offset) {

    /** True when the key was deleted. */
    public boolean isTombstone() {
        return value == null;
    }
}
