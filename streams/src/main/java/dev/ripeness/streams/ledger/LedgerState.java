package dev.ripeness.streams.ledger;

import dev.ripeness.schema.Event;
import java.util.List;

/**
 * Where an {@link EventLedger} keeps what it knows: in maps ({@link MemoryLedgerState}, for
 * known-at answers and tests) or in the pipeline's persistent stores (the processor's backing).
 * The rules live in the ledger; an implementation only reads and writes rows.
 */
public interface LedgerState {

    /** How one event names another. */
    enum Reference { CORRECTS, RETRACTS }

    /** The ids of the events that name one event, each kind in eventId order. */
    record Names(List<String> corrections, List<String> retractions) {}

    /** The accepted version of {@code eventId}, or null. */
    Event event(String eventId);

    /** Stores (or replaces) the accepted version of {@code event.getEventId()}. */
    void putEvent(Event event);

    /** The events that correct or retract {@code target}, listed whether or not they are of its conflict. */
    Names names(String target);

    /** Records that {@code eventId} names {@code target} ({@code present}) or no longer does. */
    void setName(String target, Reference kind, String eventId, boolean present);

    /** {@code event} is no longer in effect in {@code conflict}: it leaves the day bucket of its date. */
    void leaveDay(String conflict, Event event);

    /**
     * {@code event} is now in effect in {@code conflict}: it joins the day bucket of its date. The ledger
     * makes every leave of an event before any join, so a join is never undone by a leave of the same key.
     */
    void joinDay(String conflict, Event event);

    /**
     * The ledger has made every write of one event (called even when applying it failed half-way):
     * a state that defers writes makes them now.
     */
    default void endOfEvent() {}

    /** The events of {@code conflict} in effect now, by event date then eventId. */
    List<Event> effectiveEvents(String conflict);
}
