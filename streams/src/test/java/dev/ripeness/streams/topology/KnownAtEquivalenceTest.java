package dev.ripeness.streams.topology;

import static dev.ripeness.streams.TestEvents.CONFLICT;
import static dev.ripeness.streams.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.schema.DeadLetter;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.json.AvroJson;
import dev.ripeness.streams.TestEvents;
import dev.ripeness.streams.ledger.EventLedger;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.ripeness.ConflictRun;
import dev.ripeness.streams.ripeness.RipenessModel;
import dev.ripeness.topics.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What known-at answers rely on: the in-memory path they take (an {@link EventLedger} over maps
 * fed the log, its effective events folded whole by {@link ConflictRun}) gives what the pipeline
 * publishes (the same ledger rules over its stores, folded incrementally from checkpoints as
 * events arrive): same timeline, same current assessment, and the same refusals as dead
 * letters, for events with duplicates, competing versions, corrections, retractions and
 * refused references, in two arrival orders (seed 0 refuses two).
 */
class KnownAtEquivalenceTest {

    private static List<Event> eventSet() {
        List<Event> events = new ArrayList<>(OrderIndependenceTest.eventSet());
        // refused references: a correction of a correction, a retraction of a retraction
        events.add(event("e04-fix1-fix", "2030-01-23", "NOR", "SETTLEMENT_CAPTURED").setFront("river").setCorrects("e04-fix1").build());
        events.add(event("e12-x-x", "2030-09-03", "NOR", "STATEMENT").setRetracts("e12-x").build());
        return events;
    }

    @Test
    void shouldFoldToTheProcessorsTimelineAndRefuseTheSameEventsWhateverTheOrder() {
        int refusals = 0;
        for (int seed = 0; seed <= 1; seed++) {
            List<Event> arrival = eventSet();
            Collections.shuffle(arrival, new Random(seed));
            EventLedger ledger = EventLedger.of(TestEvents.catalog());
            List<String> refused = new ArrayList<>();
            for (Event e : arrival) {
                if (ledger.accept(e) instanceof EventLedger.Refused r) {
                    refused.add(e.getEventId() + " " + r.violation().field() + ": " + r.violation().message());
                }
            }
            ConflictRun run = ConflictRun.of(new RipenessModel(TestEvents.conflict(), ModelConfig.bundled()), ledger.effective(CONFLICT));
            TreeMap<String, String> folded = new TreeMap<>();
            run.outputs().forEach((date, outputs) -> folded.put(CONFLICT + "|" + date, AvroJson.toJson(PipelineDriver.withoutNotes(outputs.assessment()))));

            try (PipelineDriver processor = new PipelineDriver()) {
                processor.send(arrival.toArray(Event[]::new));
                TreeMap<String, String> published = new TreeMap<>();
                processor.compacted.get(Topics.ASSESSMENT_TIMELINE.name()).keySet()
                        .forEach(key -> published.put(key, AvroJson.toJson(processor.value(Topics.ASSESSMENT_TIMELINE, key))));
                List<String> deadLetters = new ArrayList<>();
                for (DeadLetter d : processor.deadLetters()) {
                    deadLetters.add(d.getEventId() + " " + d.getField() + ": " + d.getReason());
                }

                assertThat(folded).as("seed %d: timeline", seed).hasSizeGreaterThan(10).isEqualTo(published);
                RipenessAssessment current = run.outputs().lastEntry().getValue().assessment();
                assertThat(AvroJson.toJson(current)).as("seed %d: current", seed).isEqualTo(AvroJson.toJson(processor.current()));
                assertThat(refused).as("seed %d: refusals", seed).isEqualTo(deadLetters);
                refusals += refused.size();
            }
        }
        // Which events are refused depends on the order (the earlier of two versions, a reference to
        // an event not yet known); over the seeds some are.
        assertThat(refusals).isPositive();
    }
}
