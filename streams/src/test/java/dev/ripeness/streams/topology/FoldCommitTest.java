package dev.ripeness.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.streams.TestEvents;
import dev.ripeness.streams.model.ModelConfig;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * Under exactly-once a fold's changes are visible only once committed; the fold asks for the
 * commit itself, so live changes do not wait up to a whole commit interval.
 */
class FoldCommitTest {

    @Test
    void shouldAskForACommitAsSoonAsAFoldHasSentChanges() {
        // Given the processor with in-memory stores, and one event processed
        MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
        long now = System.currentTimeMillis();
        context.setCurrentSystemTimeMs(now);
        TestStores.inMemory(context);
        RipenessProcessor processor = new RipenessProcessor(TestEvents.catalog(), ModelConfig.bundled());
        processor.init(context);
        var event = TestEvents.event("n1", "2030-01-10", "NOR", "NEGOTIATION_ROUND").build();
        processor.process(new Record<>(event.getConflict(), Codecs.EVENT.encode(event), now));
        assertThat(context.forwarded()).isEmpty();
        assertThat(context.committed()).isFalse();

        // When the scheduled fold runs
        List<MockProcessorContext.CapturedPunctuator> folds = context.scheduledPunctuators();
        assertThat(folds).hasSize(1);
        context.setCurrentSystemTimeMs(now + folds.get(0).getInterval().toMillis());
        folds.get(0).getPunctuator().punctuate(now + folds.get(0).getInterval().toMillis());

        // Then it sent the date's state and asked for a commit
        assertThat(context.forwarded()).isNotEmpty();
        assertThat(context.committed()).isTrue();
    }
}
