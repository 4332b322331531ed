package dev.ripeness.producers.feed;

import dev.ripeness.event.Violation;
import dev.ripeness.schema.Event;

/**
 * One record offered to a feed, after parsing but before validation: either an event or
 * the reason it could not be read, together with the bytes exactly as offered and where
 * they came from.
 *
 * @param index    1-based position in the input (line number for files, element for bodies)
 * @param where    the short place used in reasons, e.g. {@code line 17} or {@code record 3}
 * @param origin   the full origin kept with the record, e.g. {@code file events.jsonl line 17}
 * @param original the bytes as offered
 * @param event    the parsed event, or null when it could not be read
 * @param problem  why it could not be read, or null
 * @param filtered why a readable upstream row is deliberately left out (outside the conflict, out of the
 *                 model's scope, merged into an aggregate), or null; such a row is counted, never dead-lettered
 */
public record Offer(int index, String where, String origin, byte[] original, Event event, Violation problem, String filtered) {

    public static Offer of(int index, String where, String origin, byte[] original, Event event) {
        return new Offer(index, where, origin, original, event, null, null);
    }

    public static Offer unreadable(int index, String where, String origin, byte[] original, Violation problem) {
        return new Offer(index, where, origin, original, null, problem, null);
    }

    /** A row left out on purpose; {@code reason} reads {@code group — detail} so that summaries can group it. */
    public static Offer filtered(int index, String where, String origin, byte[] original, String reason) {
        return new Offer(index, where, origin, original, null, null, reason);
    }
}
