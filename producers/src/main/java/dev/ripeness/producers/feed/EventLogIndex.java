package dev.ripeness.producers.feed;

import dev.ripeness.schema.Event;
import dev.ripeness.schema.serde.AvroSerde;
import dev.ripeness.topics.TopicReader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * What the event log already holds, read once from its beginning (committed records only):
 * the (conflict, eventId) pairs, and per upstream id the latest version an importer wrote.
 * Used by {@code ripeness produce}, which runs apart from the pipeline and so cannot ask its
 * state stores; the pipeline itself uses {@code StateQueries.hasEvent}.
 */
public final class EventLogIndex implements BiPredicate<String, String> {

    /** The latest version of an upstream record in the log: enough to correct or retract it. */
    public record UpstreamVersion(String eventId, String knownSince, Event event) {}

    private final Set<String> ids = new HashSet<>();
    private final Map<String, UpstreamVersion> upstream = new HashMap<>();

    /** An index of nothing: every look-up misses. */
    public static EventLogIndex empty() {
        return new EventLogIndex();
    }

    /**
     * Reads {@code topic} from the beginning to its current end, within {@link TopicReader#DEFAULT_DEADLINE}, waiting
     * for transactions open there to be decided ({@link TopicReader#readDecided}).
     */
    public static EventLogIndex read(Map<String, Object> clientConfig, String topic) {
        EventLogIndex index = new EventLogIndex();
        AvroSerde<Event> serde = AvroSerde.of(Event.class);
        TopicReader.readDecided(clientConfig, topic, TopicReader.DEFAULT_DEADLINE, r -> {
            try {
                index.add(serde.decode(r.value()));
            } catch (RuntimeException unreadable) {
                // Not an event this release can read: the pipeline dead-letters it; it cannot be a duplicate.
            }
        });
        return index;
    }

    /** Records one event of the log. */
    public void add(Event e) {
        ids.add(e.getConflict() + '\u0000' + e.getEventId());
        if (e.getUpstreamId() != null) {
            String key = e.getConflict() + '\u0000' + e.getUpstreamId();
            UpstreamVersion old = upstream.get(key);
            if (old == null || compare(e.getKnownSince(), old.knownSince()) >= 0) {
                upstream.put(key, new UpstreamVersion(e.getEventId(), e.getKnownSince(), e));
            }
        }
    }

    @Override
    public boolean test(String conflict, String eventId) {
        return ids.contains(conflict + '\u0000' + eventId);
    }

    /** The latest version of {@code upstreamId} in {@code conflict}, if the log holds one. */
    public Optional<UpstreamVersion> latest(String conflict, String upstreamId) {
        return Optional.ofNullable(upstream.get(conflict + '\u0000' + upstreamId));
    }

    public int size() {
        return ids.size();
    }

    private static int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }
}
