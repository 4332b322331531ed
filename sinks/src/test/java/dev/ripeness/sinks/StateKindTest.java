package dev.ripeness.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.topics.Topics;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StateKindTest {

    @Test
    void shouldMirrorEveryStateTopicOfTheCatalogInItsOrderUnderItsShortName() {
        assertThat(Arrays.stream(StateKind.values()).map(StateKind::topic).toList()).isEqualTo(Topics.state());
        assertThat(StateKind.ASSESSMENT_TIMELINE.shortName()).isEqualTo("assessment-timeline");
        assertThat(SinkTopics.defaults().all()).containsExactlyInAnyOrderElementsOf(
                Topics.state().stream().map(t -> t.name()).toList());
    }
}
