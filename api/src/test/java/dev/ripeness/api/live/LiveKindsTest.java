package dev.ripeness.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.topics.Topics;
import org.junit.jupiter.api.Test;

/** The live push names each relayed topic's changes with the SSE event names the dashboard listens for. */
class LiveKindsTest {

    @Test
    void shouldNameEachRelayedTopicsChangesAsTheDashboardKnowsThem() {
        assertThat(KafkaStateChanges.kind(Topics.ASSESSMENTS)).isEqualTo(StateChange.ASSESSMENT);
        assertThat(KafkaStateChanges.kind(Topics.ACTOR_DEMAND)).isEqualTo(StateChange.ACTOR_DEMAND);
        assertThat(KafkaStateChanges.kind(Topics.FRONT_INDICATORS)).isEqualTo(StateChange.FRONT_INDICATORS);
        assertThat(KafkaStateChanges.kind(Topics.DEMAND_GAP)).isEqualTo(StateChange.DEMAND_GAP);
    }
}
