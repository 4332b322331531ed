package dev.ripeness.streams.model;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.event.EventType;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.Position;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks an event against its conflict's configuration before it may touch the state. A
 * problem names the field and says how to fix it; the pipeline puts the record in the
 * dead-letter topic with that reason and carries on.
 */
public final class EventCheck {

    private EventCheck() {}

    /** What is wrong with a record, for a person to act on. */
    public record Problem(String field, String reason) {}

    /** The first problem of the event, or empty when the model can use it. */
    public static Optional<Problem> check(Event e, String key, ConflictCatalog catalog) {
        if (e.getEventId() == null || e.getEventId().isBlank()) {
            return problem("eventId", "every event needs a unique eventId (the idempotency key)");
        }
        Optional<ConflictConfig> found = catalog.find(e.getConflict());
        if (found.isEmpty()) {
            return problem("conflict", "unknown conflict \"" + e.getConflict() + "\": known are "
                    + catalog.all().stream().map(ConflictConfig::id).toList()
                    + "; fix the id, or give `ripeness run` the conflict's file with --conflicts-dir DIR (docs/conflicts.md)");
        }
        if (key == null || !key.equals(e.getConflict())) {
            return problem("conflict", "record key \"" + key + "\" differs from the event's conflict \"" + e.getConflict()
                    + "\": events must be keyed by their conflict id so that one conflict stays on one partition");
        }
        ConflictConfig c = found.get();
        try {
            LocalDate.parse(e.getDate());
        } catch (DateTimeParseException | NullPointerException ex) {
            return problem("date", "\"" + e.getDate() + "\" is not an ISO date YYYY-MM-DD");
        }
        if (!EventType.known(e.getType())) {
            return problem("type", "unknown event type \"" + e.getType() + "\"; use one of " + new TreeSet<>(Arrays.stream(EventType.values()).map(Enum::name).toList()));
        }
        if (c.actor(e.getActor()).isEmpty()) {
            return problem("actor", "unknown actor \"" + e.getActor() + "\" in conflict " + c.id() + "; known are "
                    + c.actors().stream().map(ConflictConfig.Actor::code).toList());
        }
        if (e.getTarget() != null && c.actor(e.getTarget()).isEmpty()) {
            return problem("target", "unknown target actor \"" + e.getTarget() + "\" in conflict " + c.id() + "; known are "
                    + c.actors().stream().map(ConflictConfig.Actor::code).toList());
        }
        if (e.getFront() != null && !c.hasFront(e.getFront())) {
            return problem("front", "unknown front \"" + e.getFront() + "\" in conflict " + c.id() + "; known are "
                    + c.fronts().stream().map(ConflictConfig.Front::id).toList() + " (or leave front empty)");
        }
        for (Position p : e.getPositions()) {
            Optional<ConflictConfig.Dimension> dim = c.dimension(p.getDimension());
            if (dim.isEmpty()) {
                return problem("positions.dimension", "unknown dimension \"" + p.getDimension() + "\" in conflict "
                        + c.id() + "; known are " + c.dimensions().stream().map(ConflictConfig.Dimension::id).toList());
            }
            for (String rung : new String[] {p.getDemand(), p.getAccept()}) {
                if (rung != null && dim.get().rank(rung) < 0) {
                    return problem("positions.rung", "unknown rung \"" + rung + "\" on dimension " + dim.get().id()
                            + "; known are " + dim.get().rungs().stream().map(ConflictConfig.Rung::id).toList());
                }
            }
            if (p.getDemand() == null && p.getAccept() == null) {
                return problem("positions", "a position on " + p.getDimension() + " names neither a demand nor an acceptable rung");
            }
            if (p.getActor() != null && c.belligerents().stream().noneMatch(a -> a.code().equals(p.getActor()))) {
                return problem("positions.actor", "\"" + p.getActor() + "\" is not a belligerent of " + c.id());
            }
        }
        if (!(e.getConfidence() >= 0 && e.getConfidence() <= 1)) {
            return problem("confidence", "confidence must be within 0..1, was " + e.getConfidence());
        }
        if (e.getIntensity() != null && !(e.getIntensity() >= 0 && e.getIntensity() <= 1)) {
            return problem("intensity", "intensity must be within 0..1, was " + e.getIntensity());
        }
        if (EventType.MEDIATOR_STANCE.is(e.getType()) && e.getIntensity() == null) {
            return problem("intensity", "a MEDIATOR_STANCE needs intensity: the stance from 0 (PLAN_A) to 1 (PLAN_B)");
        }
        if (e.getCasualties() != null && e.getCasualties() < 0) {
            return problem("casualties", "casualties cannot be negative, was " + e.getCasualties());
        }
        if (e.getCorrects() != null && e.getRetracts() != null) {
            return problem("corrects", "an event either corrects or retracts another, not both; send two events");
        }
        String ref = e.getCorrects() != null ? e.getCorrects() : e.getRetracts();
        if (ref != null && ref.equals(e.getEventId())) {
            return problem(e.getCorrects() != null ? "corrects" : "retracts", "an event cannot name itself");
        }
        return Optional.empty();
    }

    private static Optional<Problem> problem(String field, String reason) {
        return Optional.of(new Problem(field, reason));
    }
}
