package dev.ripeness.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.schema.Event;
import dev.ripeness.streams.TestEvents;
import dev.ripeness.streams.model.ModelConfig;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * A dirty mark left in the store by a processor that stopped before its fold is widened, not
 * replaced, by the events the next processor over the same stores sees: the processor reads
 * the marks when it starts and marks events without reading the store.
 */
class DirtyMarkRestartTest {

    @Test
    void shouldFoldFromTheEarliestDateMarkedBeforeARestart() {
        // Given two dates folded, then an event back-dated between them and a restart before its fold
        MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
        long now = System.currentTimeMillis();
        context.setCurrentSystemTimeMs(now);
        TestStores.inMemory(context);
        RipenessProcessor before = new RipenessProcessor(TestEvents.catalog(), ModelConfig.bundled());
        before.init(context);
        process(before, TestEvents.event("n1", "2030-01-05", "NOR", "NEGOTIATION_ROUND").build(), now);
        process(before, TestEvents.event("n2", "2030-01-20", "NOR", "NEGOTIATION_ROUND").build(), now);
        now = fold(context, now);
        process(before, TestEvents.event("n3", "2030-01-10", "NOR", "NEGOTIATION_ROUND").build(), now);
        before.close();
        context.resetForwards();
        RipenessProcessor after = new RipenessProcessor(TestEvents.catalog(), ModelConfig.bundled());
        after.init(context);

        // When the restarted processor sees a later event and folds
        process(after, TestEvents.event("n4", "2030-02-01", "NOR", "NEGOTIATION_ROUND").build(), now);
        fold(context, now);

        // Then the fold started at the date marked before the restart (a fold from 02-01 would
        // start from the checkpoint of 01-20 and never see 01-10)
        List<String> timeline = context.forwarded().stream()
                .filter(f -> f.childName().orElse("").equals(RipenessProcessor.Topics.ASSESSMENT_TIMELINE))
                .map(f -> (String) f.record().key()).toList();
        assertThat(timeline).contains(TestEvents.CONFLICT + "|2030-01-10", TestEvents.CONFLICT + "|2030-02-01");
    }

    /** Runs the fold scheduled last, one interval later; returns that time. */
    private static long fold(MockProcessorContext<String, byte[]> context, long now) {
        List<MockProcessorContext.CapturedPunctuator> folds = context.scheduledPunctuators();
        MockProcessorContext.CapturedPunctuator fold = folds.get(folds.size() - 1);
        long at = now + fold.getInterval().toMillis();
        context.setCurrentSystemTimeMs(at);
        fold.getPunctuator().punctuate(at);
        return at;
    }

    private static void process(RipenessProcessor processor, Event event, long at) {
        processor.process(new Record<>(event.getConflict(), Codecs.EVENT.encode(event), at));
    }
}
