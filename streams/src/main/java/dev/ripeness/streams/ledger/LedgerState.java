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

    /** The content in effect for original event {@code subject}, or null. */
    Event effective(String subject);

    /**
     * Replaces what is in effect for {@code subject}: {@code before} (what {@link #effective}
     * returned, or null) by {@code now} (null: nothing), in both the subject's row and the
     * conflict's day bucket of effective events.
     */
    void setEffective(String conflict, String subject, Event before, Event now);

    /** The events of {@code conflict} in effect now, by event date then eventId. */
    List<Event> effectiveEvents(String conflict);
}
