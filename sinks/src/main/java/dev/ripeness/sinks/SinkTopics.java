package dev.ripeness.sinks;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which topic name a sink reads for each kind of state. Production uses the catalog names;
 * tests give each run its own topics so that runs never see each other's records.
 */
public record SinkTopics(Map<StateKind, String> names) {

    public SinkTopics {
        EnumMap<StateKind, String> copy = new EnumMap<>(StateKind.class);
        copy.putAll(names);
        for (StateKind kind : StateKind.values()) {
            if (!copy.containsKey(kind)) {
                throw new IllegalArgumentException("no topic name for " + kind);
            }
        }
        names = Map.copyOf(copy);
    }

    /** The catalog's topic names ({@code ripeness.assessments}, ...). */
    public static SinkTopics defaults() {
        EnumMap<StateKind, String> names = new EnumMap<>(StateKind.class);
        for (StateKind kind : StateKind.values()) {
            names.put(kind, kind.topic().name());
        }
        return new SinkTopics(names);
    }

    /** The topic read for {@code kind}. */
    public String name(StateKind kind) {
        return names.get(kind);
    }

    /** Every topic name, for subscribing. */
    public Collection<String> all() {
        return names.values();
    }

    /** The kind a topic holds, empty for a topic this sink does not read. */
    public Optional<StateKind> kindOf(String topic) {
        return names.entrySet().stream().filter(e -> e.getValue().equals(topic)).map(Map.Entry::getKey).findFirst();
    }
}
