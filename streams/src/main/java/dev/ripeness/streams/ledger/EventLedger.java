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
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The event-sourcing rules of the log, in memory and in plain Java: which events enter, and
 * which content is in effect for each original event once duplicates, later versions,
 * corrections and retractions are taken into account. Feed it the log's events with
 * {@link #accept}; {@link #effective} is what the model folds.
 *
 * <p>The rules are the pipeline processor's ({@code RipenessProcessor}, which keeps the same
 * state in persistent stores), message for message:
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
 * Not thread-safe: one ledger per replay.
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
    /** Every accepted event by eventId: the version in effect. */
    private final Map<String, Event> events = new HashMap<>();
    /** Original or correction id → ids of the events that correct / retract it, in eventId order. */
    private final Map<String, TreeSet<String>> corrections = new HashMap<>();
    private final Map<String, TreeSet<String>> retractions = new HashMap<>();
    /** Original id → the content in effect for it. */
    private final Map<String, Event> effective = new HashMap<>();
    /** Conflict → {@code date|eventId} → effective event: the daily buckets the model folds, in fold order. */
    private final Map<String, TreeMap<String, Event>> days = new HashMap<>();

    private EventLedger(EventValidator door) {
        this.door = door;
    }

    /** A ledger for the conflicts of {@code catalog}, checking events with the pipeline's door rules. */
    public static EventLedger of(ConflictCatalog catalog) {
        return new EventLedger(EventValidator.atTheDoor(catalog));
    }

    /** Applies one event of the log. */
    public Outcome accept(Event event) {
        Optional<Violation> problem = door.check(event);
        if (problem.isPresent()) {
            return new Refused(problem.get());
        }
        String id = event.getEventId();
        Event stored = events.get(id);
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
        Event named = ref == null ? null : events.get(ref);
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
        events.put(id, event);
        TreeSet<String> subjects = new TreeSet<>();
        if (stored != null) {
            subjects.add(subjectOf(stored));
            naming(stored).ifPresent(set -> set.remove(id));
        }
        naming(event).ifPresent(set -> set.add(id));
        subjects.add(subjectOf(event));
        String from = null;
        for (String subject : subjects) {
            String changed = resolve(event.getConflict(), subject);
            if (changed != null && (from == null || changed.compareTo(from) < 0)) {
                from = changed;
            }
        }
        return from == null ? UNCHANGED : new Changed(event.getConflict(), LocalDate.parse(from));
    }

    /** The events of {@code conflict} in effect now, by event date then eventId: what the model folds. */
    public List<Event> effective(String conflict) {
        return new ArrayList<>(days.getOrDefault(conflict, new TreeMap<>()).values());
    }

    private static Refused refused(String field, String message) {
        return new Refused(new Violation(field, message));
    }

    /** The set an event that corrects or retracts another is listed in, keyed by the event it names. */
    private Optional<TreeSet<String>> naming(Event e) {
        if (e.getCorrects() != null) {
            return Optional.of(corrections.computeIfAbsent(e.getCorrects(), k -> new TreeSet<>()));
        }
        if (e.getRetracts() != null) {
            return Optional.of(retractions.computeIfAbsent(e.getRetracts(), k -> new TreeSet<>()));
        }
        return Optional.empty();
    }

    /** The original event whose effective content this event decides. */
    private String subjectOf(Event e) {
        if (e.getCorrects() != null) {
            return e.getCorrects();
        }
        if (e.getRetracts() != null) {
            Event named = events.get(e.getRetracts());
            return named != null && named.getCorrects() != null ? named.getCorrects() : e.getRetracts();
        }
        return e.getEventId();
    }

    /**
     * Recomputes what is in effect for an original event and moves it between daily buckets;
     * returns the earliest date it touched, or null when nothing changed.
     */
    private String resolve(String conflict, String subject) {
        Event original = events.get(subject);
        Event now = null;
        if (original != null && original.getConflict().equals(conflict)
                && original.getCorrects() == null && original.getRetracts() == null
                && naming(retractions, subject, conflict).isEmpty()) {
            now = original;
            for (Event correction : naming(corrections, subject, conflict)) {
                if (naming(retractions, correction.getEventId(), conflict).isEmpty()
                        && (now == original || EventVersions.laterCorrection(correction, now))) {
                    now = correction;
                }
            }
        }
        Event before = effective.get(subject);
        if (Objects.equals(before, now)) {
            return null;
        }
        TreeMap<String, Event> buckets = days.computeIfAbsent(conflict, c -> new TreeMap<>());
        String from = null;
        if (before != null) {
            buckets.remove(before.getDate() + "|" + before.getEventId());
            from = before.getDate();
        }
        if (now != null) {
            buckets.put(now.getDate() + "|" + now.getEventId(), now);
            effective.put(subject, now);
            from = from == null || now.getDate().compareTo(from) < 0 ? now.getDate() : from;
        } else {
            effective.remove(subject);
        }
        return from;
    }

    /** The events of {@code conflict} listed in {@code index} under {@code target}, in eventId order. */
    private List<Event> naming(Map<String, TreeSet<String>> index, String target, String conflict) {
        List<Event> out = new ArrayList<>();
        for (String id : index.getOrDefault(target, new TreeSet<>())) {
            Event e = events.get(id);
            if (e != null && e.getConflict().equals(conflict)) {
                out.add(e);
            }
        }
        return out;
    }
}
