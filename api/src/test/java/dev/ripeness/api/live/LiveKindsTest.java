package dev.ripeness.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.topics.Topics;
import org.junit.jupiter.api.Test;

/** The live push names each relayed topic's changes with the SSE event names the dashboard listens for. */
class LiveKindsTest {

    @Test
    void shouldNameEachRelayedTopicsChangesAsTheDashboardKnowsThem() {
        assertThat(LiveChange.kindOf(Topics.ASSESSMENTS)).isEqualTo(LiveChange.ASSESSMENT);
        assertThat(LiveChange.kindOf(Topics.ACTOR_DEMAND)).isEqualTo(LiveChange.ACTOR_DEMAND);
        assertThat(LiveChange.kindOf(Topics.FRONT_INDICATORS)).isEqualTo(LiveChange.FRONT_INDICATORS);
        assertThat(LiveChange.kindOf(Topics.DEMAND_GAP)).isEqualTo(LiveChange.DEMAND_GAP);
    }
}
