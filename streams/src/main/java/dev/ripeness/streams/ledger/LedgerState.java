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

    /**
     * Replaces one event in effect in the conflict's day buckets: {@code before} (null: none)
     * leaves the bucket of its date, {@code now} (null: none) joins the bucket of its date.
     */
    void moveEffective(String conflict, Event before, Event now);

    /**
     * The ledger has made every write of one event (called even when applying it failed half-way):
     * a state that defers writes makes them now.
     */
    default void endOfEvent() {}

    /** The events of {@code conflict} in effect now, by event date then eventId. */
    List<Event> effectiveEvents(String conflict);
}
