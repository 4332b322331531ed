package dev.ripeness.streams.topology;

import static dev.ripeness.streams.TestEvents.accept;
import static dev.ripeness.streams.TestEvents.demand;
import static dev.ripeness.streams.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.schema.Event;
import dev.ripeness.schema.Position;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The same set of events, with duplicates, corrections, retractions and a competing version
 * of one eventId, fed in many seeded random orders: the final state topics must be
 * byte-identical every time.
 */
class OrderIndependenceTest {

    private static final int PERMUTATIONS = 12;

    static List<Event> eventSet() {
        List<Event> events = new ArrayList<>(List.of(
                event("e01", "2030-01-01", "NOR", "DEMAND_STATED").setPositions(List.of(demand("status", "st-neutral-bare"),
                        demand("border", "bd-valley"))).build(),
                event("e02", "2030-01-03", "SOU", "POSITION_OFFERED").setPositions(List.of(accept("status", "st-neutral"),
                        new Position("border", "bd-old", "bd-strip", null))).build(),
                event("e03", "2030-01-10", "NOR", "OFFENSIVE_LAUNCHED").setFront("river").build(),
                event("e04", "2030-01-20", "NOR", "SETTLEMENT_CAPTURED").setFront("river").build(),
                event("e05", "2030-01-20", "NOR", "TERRITORY_CHANGE").setFront("river").setAreaKm2(120.0).build(),
                event("e06", "2030-02-02", "SOU", "CASUALTIES_REPORTED").setCasualties(9000L).build(),
                event("e07", "2030-02-15", "MED", "MEDIATOR_STANCE").setIntensity(0.4).build(),
                event("e08", "2030-03-01", "MED", "NEGOTIATION_ROUND").build(),
                event("e09", "2030-03-20", "NOR", "OFFENSIVE_FAILED").setFront("hills").build(),
                event("e10", "2030-04-01", "NOR", "DEMAND_STATED").setPositions(List.of(demand("border", "bd-coast"))).build(),
                event("e11", "2030-04-02", "MED", "MEDIATOR_STANCE").setIntensity(0.8).build(),
                event("e12", "2030-05-05", "NOR", "AGREEMENT_VIOLATION").build(),
                event("e13", "2030-06-01", "MED", "MEDIATOR_STANCE").setIntensity(0.2).build(),
                event("e14", "2030-06-01", "SOU", "SIEGE_STARTED").setFront("hills").build(),
                event("e15", "2030-08-15", "ALY", "SANCTIONS_IMPOSED").setTarget("NOR").build(),
                // e04 moved to another front and date; two corrections, the later knownSince wins
                event("e04-fix1", "2030-01-21", "NOR", "SETTLEMENT_CAPTURED").setFront("hills").setCorrects("e04")
                        .setKnownSince("2030-02-01T00:00:00Z").build(),
                event("e04-fix2", "2030-01-22", "NOR", "SETTLEMENT_CAPTURED").setFront("river").setCorrects("e04")
                        .setKnownSince("2030-03-01T00:00:00Z").build(),
                // e12 was wrong
                event("e12-x", "2030-09-01", "NOR", "STATEMENT").setRetracts("e12").build(),
                // a correction that is itself retracted
                event("e09-fix", "2030-03-25", "NOR", "OFFENSIVE_STALLED").setFront("hills").setCorrects("e09")
                        .setKnownSince("2030-04-01T00:00:00Z").build(),
                event("e09-fix-x", "2030-09-02", "NOR", "STATEMENT").setRetracts("e09-fix").build(),
                // two versions of one eventId: the later knownSince wins
                event("e16", "2030-07-01", "SOU", "STRIKE").setTarget("NOR").setKnownSince("2030-07-01T00:00:00Z").build(),
                event("e16", "2030-07-02", "SOU", "STRIKE").setTarget("NOR").setKnownSince("2030-07-05T00:00:00Z").build()));
        // exact duplicates, re-fed with another arrival stamp
        events.add(Event.newBuilder(events.get(2)).setRecordedAt(42L).build());
        events.add(Event.newBuilder(events.get(7)).setOrigin("re-import").build());
        events.add(events.get(15));
        return events;
    }

    @Test
    void shouldProduceByteIdenticalStateTopicsWhenTheSameEventsArriveInAnyOrder() {
        Map<String, TreeMap<String, String>> reference;
        try (PipelineDriver inOrder = new PipelineDriver()) {
            List<Event> sorted = new ArrayList<>(eventSet());
            sorted.sort((a, b) -> a.getDate().compareTo(b.getDate()));
            reference = inOrder.send(sorted.toArray(Event[]::new)).stateTopics();
            assertThat(inOrder.timeline("2030-05-05")).as("retracted date").isNull();
            assertThat(inOrder.timeline("2030-01-20").getEventCount()).as("e05 only: e04 moved to 01-22").isEqualTo(4);
        }
        assertThat(reference).isNotEmpty();
        for (int seed = 1; seed <= PERMUTATIONS; seed++) {
            List<Event> shuffled = new ArrayList<>(eventSet());
            Collections.shuffle(shuffled, new Random(seed));
            try (PipelineDriver run = new PipelineDriver()) {
                Map<String, TreeMap<String, String>> state = run.send(shuffled.toArray(Event[]::new)).stateTopics();
                assertThat(state).as("seed %d: %s", seed, PipelineDriver.firstDifference(reference, state)).isEqualTo(reference);
            }
        }
    }

    @Test
    void shouldChangeNothingWhenTheWholeSetIsFedTwice() {
        try (PipelineDriver run = new PipelineDriver()) {
            List<Event> events = eventSet();
            Map<String, TreeMap<String, String>> once = new TreeMap<>(run.send(events.toArray(Event[]::new)).stateTopics());
            run.clearSeen();

            Collections.shuffle(events, new Random(7));
            run.send(events.toArray(Event[]::new));

            // Only the losing version of e16 is dead-lettered again; no state record is re-published
            assertThat(run.seen.keySet()).containsOnly(dev.ripeness.topics.Topics.DEAD_LETTERS.name());
            assertThat(run.stateTopics()).isEqualTo(once);
        }
    }
}
