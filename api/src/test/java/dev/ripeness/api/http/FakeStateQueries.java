package dev.ripeness.api.http;

import dev.ripeness.api.live.LiveChange;
import dev.ripeness.api.live.StateChangeHub;
import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.json.AvroJson;
import dev.ripeness.streams.query.StateQueries;
import dev.ripeness.streams.query.StateUnavailableException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * In-memory {@link StateQueries} over lists of dated records, with as-of semantics like the
 * pipeline's (latest record dated on or before {@code asOf}). Tests can make the next reads
 * fail as during a rebalance, name another owner for a conflict, and append new state that
 * is also published as a live change.
 */
public final class FakeStateQueries implements StateQueries {

    private final List<RipenessAssessment> assessments = new CopyOnWriteArrayList<>();
    private final List<ActorDemandState> actors = new CopyOnWriteArrayList<>();
    private final List<FrontIndicators> fronts = new CopyOnWriteArrayList<>();
    private final List<DemandGap> gaps = new CopyOnWriteArrayList<>();
    private final Map<String, Event> events = new ConcurrentHashMap<>();
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final StateChangeHub hub = new StateChangeHub();

    /** A fake holding {@link TestSeries}. */
    public static FakeStateQueries withTestSeries() {
        FakeStateQueries fake = new FakeStateQueries();
        fake.assessments.addAll(TestSeries.assessments());
        fake.actors.addAll(TestSeries.actorStates());
        fake.fronts.addAll(TestSeries.frontStates());
        fake.gaps.addAll(TestSeries.gapStates());
        TestSeries.events().forEach(e -> fake.events.put(e.getEventId(), e));
        return fake;
    }

    /** The live changes this fake publishes when state is appended. */
    public StateChangeHub changes() {
        return hub;
    }

    /** Appends an assessment (as the pipeline would after a new event) and pushes it live. */
    public void append(RipenessAssessment assessment) {
        assessments.add(assessment);
        hub.publish(new LiveChange(LiveChange.ASSESSMENT, assessment.getConflict(), assessment.getConflict(), AvroJson.toTree(assessment)));
    }

    /** Adds front indicators (as the pipeline would publish them), without a live push. */
    public void addFront(FrontIndicators front) {
        fronts.add(front);
    }

    /** The next {@code times} reads throw {@link StateUnavailableException}. */
    public void unavailableFor(int times) {
        unavailable.set(times);
    }

    /** Claims that the instance at {@code hostPort} holds {@code conflict}. */
    public void ownedElsewhere(String conflict, String hostPort) {
        owners.put(conflict, hostPort);
    }

    /** How many reads reached this fake. */
    public int reads() {
        return reads.get();
    }

    public List<RipenessAssessment> assessments() {
        return List.copyOf(assessments);
    }

    private void touch() {
        reads.incrementAndGet();
        if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StateUnavailableException("stream thread is PARTITIONS_ASSIGNED, not RUNNING (fake)");
        }
    }

    @Override
    public List<String> conflicts() {
        touch();
        return assessments.stream().map(RipenessAssessment::getConflict).distinct().sorted().toList();
    }

    @Override
    public Optional<RipenessAssessment> ripeness(String conflict, LocalDate asOf) {
        touch();
        return latest(assessments.stream().filter(a -> a.getConflict().equals(conflict)), RipenessAssessment::getAsOf, asOf);
    }

    @Override
    public List<RipenessAssessment> timeline(String conflict, LocalDate from, LocalDate to) {
        touch();
        return assessments.stream().filter(a -> a.getConflict().equals(conflict))
                .filter(a -> from == null || a.getAsOf().compareTo(from.toString()) >= 0)
                .filter(a -> to == null || a.getAsOf().compareTo(to.toString()) <= 0)
                .sorted(Comparator.comparing(RipenessAssessment::getAsOf)).toList();
    }

    @Override
    public Optional<ActorDemandState> actor(String conflict, String actor, LocalDate asOf) {
        touch();
        return latest(actors.stream().filter(a -> a.getConflict().equals(conflict) && a.getActor().equals(actor)),
                ActorDemandState::getAsOf, asOf);
    }

    @Override
    public List<FrontIndicators> fronts(String conflict, LocalDate asOf) {
        touch();
        return latestPerKey(fronts.stream().filter(f -> f.getConflict().equals(conflict)), f -> f.getFront() + "|" + f.getActor(),
                FrontIndicators::getAsOf, asOf);
    }

    @Override
    public List<DemandGap> demandGaps(String conflict, LocalDate asOf) {
        touch();
        return latestPerKey(gaps.stream().filter(g -> g.getConflict().equals(conflict)), g -> g.getActorA() + "|" + g.getActorB(),
                DemandGap::getAsOf, asOf);
    }

    @Override
    public Map<String, Event> events(String conflict, Collection<String> ids) {
        touch();
        Map<String, Event> out = new LinkedHashMap<>();
        ids.stream().map(events::get).filter(e -> e != null && e.getConflict().equals(conflict)).forEach(e -> out.put(e.getEventId(), e));
        return out;
    }

    @Override
    public List<Event> eventsBetween(String conflict, LocalDate from, LocalDate to, String after, int limit) {
        touch();
        return events.values().stream()
                .filter(e -> e.getConflict().equals(conflict))
                .filter(e -> from == null || e.getDate().compareTo(from.toString()) >= 0)
                .filter(e -> to == null || e.getDate().compareTo(to.toString()) <= 0)
                .filter(e -> after == null || StateQueries.eventCursor(e).compareTo(after) > 0)
                .sorted(java.util.Comparator.comparing(StateQueries::eventCursor))
                .limit(limit)
                .toList();
    }

    @Override
    public Optional<String> ownerElsewhere(String conflict) {
        touch();
        return Optional.ofNullable(owners.get(conflict));
    }

    private static <T> Optional<T> latest(Stream<T> records, Function<T, String> date, LocalDate asOf) {
        return records.filter(r -> asOf == null || date.apply(r).compareTo(asOf.toString()) <= 0)
                .max(Comparator.comparing(date));
    }

    private static <T> List<T> latestPerKey(Stream<T> records, Function<T, String> key, Function<T, String> date, LocalDate asOf) {
        Map<String, List<T>> byKey = records.collect(Collectors.groupingBy(key));
        return byKey.keySet().stream().sorted()
                .map(k -> latest(byKey.get(k).stream(), date, asOf))
                .flatMap(Optional::stream)
                .toList();
    }
}
