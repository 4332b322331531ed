package dev.ripeness.sinks;

import org.apache.avro.specific.SpecificRecord;

/**
 * One record of a state topic, decoded: the new value of {@code key}, or its deletion when
 * {@code value} is null (a tombstone).
 */
public record StateChange(StateKind kind, String key, SpecificRecord value, String topic, int partition, long offset) {

    /** True when the key was deleted. */
    public boolean isTombstone() {
        return value == null;
    }
}
