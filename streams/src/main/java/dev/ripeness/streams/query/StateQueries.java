package dev.ripeness.streams.query;

import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.RipenessAssessment;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the pipeline's state answers, whatever instance holds it. The HTTP API and the
 * {@code state} command read through this; the Kafka Streams implementation routes each
 * key to the instance that holds it.
 *
 * <p>{@code asOf} is an event date: the answer is what a replay of only the events dated
 * up to and including that date gives. {@code null} means the latest state.
 *
 * @throws StateUnavailableException from any method while the state is being moved or
 *     restored (a rebalance): callers retry briefly, then tell their client to come back
 */
public interface StateQueries {

    /** Ids of the conflicts that have state. */
    List<String> conflicts();

    Optional<RipenessAssessment> ripeness(String conflict, LocalDate asOf);

    /** Assessments with {@code from <= asOf <= to} (either bound may be null), oldest first. */
    List<RipenessAssessment> timeline(String conflict, LocalDate from, LocalDate to);

    Optional<ActorDemandState> actor(String conflict, String actor, LocalDate asOf);

    /** Front indicators of every front and actor of the conflict. */
    List<FrontIndicators> fronts(String conflict, LocalDate asOf);

    /** Demand gaps of every pair of belligerents of the conflict. */
    List<DemandGap> demandGaps(String conflict, LocalDate asOf);

    /**
     * Where another instance holds the conflict's state: its {@code host:port}
     * ({@code application.server}), so the caller can proxy the request there. Empty
     * when this instance holds it, or when only one instance runs.
     */
    default Optional<String> ownerElsewhere(String conflict) {
        return Optional.empty();
    }

    /** Whether the log already holds an event with this id (for duplicate counts at the feeders). */
    default boolean hasEvent(String conflict, String eventId) {
        return false;
    }

    /**
     * The events of the conflict with these ids, as the log holds them (corrections are events
     * of their own id), keyed by id; ids the state does not hold are left out. Lets a client
     * show in words the events an explanation names. Empty where the implementation keeps no events.
     */
    default Map<String, Event> events(String conflict, Collection<String> ids) {
        return Map.of();
    }

    /**
     * The events in effect (corrections applied, retracted ones left out) dated {@code from <= date <= to}
     * (either bound may be null), in date then eventId order, at most {@code limit}, starting after the
     * event whose {@link #eventCursor cursor} is {@code after} (null: from the first). Empty where the
     * implementation keeps no events.
     */
    default List<Event> eventsBetween(String conflict, LocalDate from, LocalDate to, String after, int limit) {
        return List.of();
    }

    /** Where a listing of {@link #eventsBetween} stopped: {@code date|eventId} of its last event. */
    static String eventCursor(Event e) {
        return e.getDate() + "|" + e.getEventId();
    }
}
