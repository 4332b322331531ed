package dev.ripeness.producers.feed;

import dev.ripeness.schema.Event;
import dev.ripeness.schema.serde.AvroSerde;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.BiPredicate;

/**
 * What the event log says of an offered event, the one rule of idempotence: an event whose
 * (conflict, eventId) the log does not hold is NEW and written; one it holds with the same
 * content is a DUPLICATE and not written; one it holds with other content is a CONFLICT, rejected
 * and dead-lettered (a change is a new event that {@code corrects} the old one).
 */
public interface LogCheck {

    /** The log's answer for one event. */
    enum Verdict { NEW, SAME, DIFFERENT }

    /** What the log holds under the event's (conflict, eventId), compared by {@link #digest content}. */
    Verdict check(Event event);

    /** Called once before each feed, so that the check can catch up with the log. */
    default void catchUp() {
    }

    /** Called for each event of a committed batch: the log now holds it. */
    default void written(Event event) {
    }

    /**
     * A check that knows ids only ({@code inLog} says whether the log holds the pair): a
     * known id counts as the same event.
     */
    static LogCheck ids(BiPredicate<String, String> inLog) {
        return e -> inLog.test(e.getConflict(), e.getEventId()) ? Verdict.SAME : Verdict.NEW;
    }

    /**
     * The content of an event as the feeder offered it: every field but {@code recordedAt}
     * and {@code origin}, which the feed stamps on writing (SHA-256 of its Avro encoding).
     */
    static byte[] digest(Event event) {
        Event bare = Event.newBuilder(event).setRecordedAt(0L).setOrigin(null).build();
        try {
            return MessageDigest.getInstance("SHA-256").digest(Digests.SERDE.encode(bare));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Holder of the serde {@link #digest} uses (interfaces cannot have private fields). */
    final class Digests {
        static final AvroSerde<Event> SERDE = AvroSerde.of(Event.class);

        private Digests() {}
    }
}
