package dev.ripeness.streams.ledger;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.event.EventFields;
import dev.ripeness.event.EventValidator;
import dev.ripeness.event.Violation;
import dev.ripeness.schema.Event;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The event-sourcing rules of the log in plain Java: which events enter, and
 * which content is in effect for each original event once duplicates, later versions,
 * corrections and retractions are taken into account. Feed it the log's events with
 * {@link #accept}; {@link #effective} is what the model folds.
 *
 * <p>The one home of these rules: the pipeline's processor applies them through a ledger over
 * its persistent stores ({@link #over}), known-at answers and tests through one over maps
 * ({@link #of}). The rules:
 * <ul>
 *   <li>an event that breaks a rule of the door ({@link EventValidator#atTheDoor}) is refused;</li>
 *   <li>an eventId is one event: a version identical but for {@code recordedAt}/{@code origin}
 *       changes nothing, a later version ({@link EventVersions#compare}) replaces the stored one,
 *       an earlier one is refused, and an id already used by another conflict is refused;</li>
 *   <li>{@code corrects}/{@code retracts} must name an event of the same conflict (when it is
 *       known); a correction names an original, a retraction names an original or a correction;</li>
 *   <li>what is in effect for an original is recomputed from everything known about it, so it
 *       does not depend on arrival order: nothing while the original is unknown or retracted;
 *       else the non-retracted correction with the latest knownSince (ties: greatest eventId),
 *       else the original.</li>
 * </ul>
 * Not thread-safe: one ledger per replay or per stream task.
 */
public final class EventLedger {

    /** What accepting one event did. */
    public sealed interface Outcome permits Unchanged, Refused, Changed {}

    /** Nothing in effect changed: an identical duplicate, or an event that decides no content yet. */
    public record Unchanged() implements Outcome {}

    /** The event was refused (the pipeline dead-letters it): the field to blame and what to fix. */
    public record Refused(Violation violation) implements Outcome {}

    /** The effective events of {@code conflict} changed from event date {@code from} on. */
    public record Changed(String conflict, LocalDate from) implements Outcome {}

    private static final Unchanged UNCHANGED = new Unchanged();

    private final EventValidator door;
    private final LedgerState state;

    private EventLedger(EventValidator door, LedgerState state) {
        this.door = door;
        this.state = state;
    }

    /** A ledger in memory for the conflicts of {@code catalog}, checking events with the pipeline's door rules. */
    public static EventLedger of(ConflictCatalog catalog) {
        return over(catalog, new MemoryLedgerState());
    }

    /** A ledger that keeps its state in {@code state} (the pipeline: its stores). */
    public static EventLedger over(ConflictCatalog catalog, LedgerState state) {
        return new EventLedger(EventValidator.atTheDoor(catalog), state);
    }

    /** Applies one event of the log. */
    public Outcome accept(Event event) {
        Optional<Violation> problem = check(event);
        return problem.isPresent() ? new Refused(problem.get()) : acceptChecked(event);
    }

    /** The door's verdict on {@code event} alone: the first rule it breaks, if any. */
    public Optional<Violation> check(Event event) {
        return door.check(event);
    }

    /**
     * Applies one event that passed {@link #check} (the pipeline checks its record key in
     * between): the duplicate, version, correction and retraction rules.
     */
    public Outcome acceptChecked(Event event) {
        Reads reads = new Reads();
        String id = event.getEventId();
        Event stored = reads.event(id);
        if (stored != null) {
            if (!stored.getConflict().equals(event.getConflict())) {
                return refused(EventFields.EVENT_ID, "eventId " + id + " is already used by an event of conflict "
                        + stored.getConflict() + "; event ids must be unique across conflicts");
            }
            int cmp = EventVersions.compare(event, stored);
            if (cmp == 0) {
                return UNCHANGED;
            }
            if (cmp < 0) {
                return refused(EventFields.EVENT_ID, "another version of event " + id + " is in effect (later knownSince, "
                        + "or the same knownSince and greater content); to change an event send a new event with "
                        + "`corrects: " + id + "`");
            }
        }
        String ref = event.getCorrects() != null ? event.getCorrects() : event.getRetracts();
        Event named = ref == null ? null : reads.event(ref);
        if (named != null && !named.getConflict().equals(event.getConflict())) {
            return refused(event.getCorrects() != null ? EventFields.CORRECTS : EventFields.RETRACTS, "names event " + ref
                    + " of conflict " + named.getConflict() + ", not " + event.getConflict());
        }
        if (named != null && event.getCorrects() != null && (named.getCorrects() != null || named.getRetracts() != null)) {
            return refused(EventFields.CORRECTS, "names " + ref + ", itself a correction or retraction; name the original event "
                    + (named.getCorrects() != null ? named.getCorrects() : named.getRetracts()) + " instead");
        }
        if (named != null && event.getRetracts() != null && named.getRetracts() != null) {
            return refused(EventFields.RETRACTS, "names " + ref + ", itself a retraction; to restore "
                    + named.getRetracts() + " send it again under a new eventId");
        }
        // The originals whose content this event may change, and what is in effect for each
        // before it: derived from the rules, so no row keeps it.
        TreeSet<String> subjects = new TreeSet<>();
        if (stored != null) {
            subjects.add(subjectOf(reads, stored, event));
        }
        subjects.add(subjectOf(reads, event, event));
        Map<String, Event> before = new HashMap<>();
        for (String subject : subjects) {
            before.put(subject, inEffect(reads, event.getConflict(), subject));
        }
        String from = null;
        try {
            reads.putEvent(event);
            if (stored != null) {
                setName(reads, stored, false);
            }
            setName(reads, event, true);
            Map<String, Event> after = new HashMap<>();
            for (String subject : subjects) {
                after.put(subject, inEffect(reads, event.getConflict(), subject));
            }
            // Every row leaves before any joins: a new version that keeps its date but now decides
            // another original leaves and joins under the same key, in either subject's move.
            for (String subject : subjects) {
                Event was = before.get(subject);
                if (was != null && !was.equals(after.get(subject))) {
                    state.leaveDay(event.getConflict(), was);
                }
            }
            for (String subject : subjects) {
                Event was = before.get(subject);
                Event now = after.get(subject);
                if (now != null && !now.equals(was)) {
                    state.joinDay(event.getConflict(), now);
                }
                String changed = changedFrom(was, now);
                if (changed != null && (from == null || changed.compareTo(from) < 0)) {
                    from = changed;
                }
            }
        } finally {
            state.endOfEvent();
        }
        return from == null ? UNCHANGED : new Changed(event.getConflict(), LocalDate.parse(from));
    }

    /** The events of {@code conflict} in effect now, by event date then eventId: what the model folds. */
    public List<Event> effective(String conflict) {
        return state.effectiveEvents(conflict);
    }

    private static Refused refused(String field, String message) {
        return new Refused(new Violation(field, message));
    }

    /** Lists (or unlists) an event that corrects or retracts another under the event it names. */
    private static void setName(Reads reads, Event e, boolean present) {
        if (e.getCorrects() != null) {
            reads.setName(e.getCorrects(), LedgerState.Reference.CORRECTS, e.getEventId(), present);
        } else if (e.getRetracts() != null) {
            reads.setName(e.getRetracts(), LedgerState.Reference.RETRACTS, e.getEventId(), present);
        }
    }

    /**
     * The original event whose effective content {@code e} decides, as the state will be once
     * {@code arriving} is stored (a retraction may name the arriving event itself).
     */
    private static String subjectOf(Reads reads, Event e, Event arriving) {
        if (e.getCorrects() != null) {
            return e.getCorrects();
        }
        if (e.getRetracts() != null) {
            String ref = e.getRetracts();
            Event named = ref.equals(arriving.getEventId()) ? arriving : reads.event(ref);
            return named != null && named.getCorrects() != null ? named.getCorrects() : ref;
        }
        return e.getEventId();
    }

    /**
     * What is in effect for an original event, from everything known about it, so the answer
     * does not depend on arrival order: nothing while the original is unknown or retracted;
     * else the non-retracted correction with the latest knownSince (ties: greatest eventId),
     * else the original.
     */
    private static Event inEffect(Reads reads, String conflict, String subject) {
        Event original = reads.event(subject);
        if (original == null || !original.getConflict().equals(conflict)
                || original.getCorrects() != null || original.getRetracts() != null) {
            return null;
        }
        LedgerState.Names names = reads.names(subject);
        if (!ofConflict(reads, names.retractions(), conflict).isEmpty()) {
            return null;
        }
        Event now = original;
        for (Event correction : ofConflict(reads, names.corrections(), conflict)) {
            if (ofConflict(reads, reads.names(correction.getEventId()).retractions(), conflict).isEmpty()
                    && (now == original || EventVersions.laterCorrection(correction, now))) {
                now = correction;
            }
        }
        return now;
    }

    /** The earliest date an original's content touched when it changed from {@code before} to {@code now}, or null when it did not change. */
    private static String changedFrom(Event before, Event now) {
        if (Objects.equals(before, now)) {
            return null;
        }
        String from = before == null ? null : before.getDate();
        if (now != null && (from == null || now.getDate().compareTo(from) < 0)) {
            from = now.getDate();
        }
        return from;
    }

    /** The events of {@code ids} that are known and of {@code conflict}, in the order given. */
    private static List<Event> ofConflict(Reads reads, List<String> ids, String conflict) {
        List<Event> out = new ArrayList<>();
        for (String id : ids) {
            Event e = reads.event(id);
            if (e != null && e.getConflict().equals(conflict)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The state as one {@link #acceptChecked} call sees it: each event and each list of names
     * read from the state at most once (what is in effect before and after the event needs the
     * same rows), and the call's own writes passed to the state and applied to what was read, so
     * a read after a write gives what the state would now give.
     */
    private final class Reads {
        /** eventId → event, or null when the state has none (a key present with null: read, absent). */
        private final Map<String, Event> events = new HashMap<>();
        private final Map<String, LedgerState.Names> names = new HashMap<>();

        Event event(String eventId) {
            if (events.containsKey(eventId)) {
                return events.get(eventId);
            }
            Event e = state.event(eventId);
            events.put(eventId, e);
            return e;
        }

        LedgerState.Names names(String target) {
            return names.computeIfAbsent(target, state::names);
        }

        void putEvent(Event e) {
            state.putEvent(e);
            events.put(e.getEventId(), e);
        }

        void setName(String target, LedgerState.Reference kind, String eventId, boolean present) {
            state.setName(target, kind, eventId, present);
            LedgerState.Names read = names.get(target);
            if (read != null) {
                List<String> corrections = new ArrayList<>(read.corrections());
                List<String> retractions = new ArrayList<>(read.retractions());
                List<String> ids = kind == LedgerState.Reference.CORRECTS ? corrections : retractions;
                ids.remove(eventId);
                if (present) {
                    ids.add(eventId);
                    ids.sort(null); // Names lists each kind in eventId order
                }
                names.put(target, new LedgerState.Names(corrections, retractions));
            }
        }
    }
}
