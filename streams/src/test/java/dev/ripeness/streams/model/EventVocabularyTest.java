package dev.ripeness.streams.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.producers.event.EventType;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the feeders accept, the pipeline must understand: otherwise valid events end as dead letters. */
class EventVocabularyTest {

    @Test
    void shouldUnderstandEveryTypeTheFeedersAccept() {
        Set<String> accepted = Arrays.stream(EventType.values()).map(Enum::name).collect(Collectors.toSet());

        assertThat(EventTypes.ALL).containsExactlyInAnyOrderElementsOf(accepted);
    }
}
