package dev.ripeness.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The catalog's one list and the lists derived from it. */
class TopicsTest {

    @Test
    void shouldDeriveTheStateTopicsAndOutputsFromTheOneListInItsOrder() {
        assertThat(Topics.state()).containsExactly(Topics.ACTOR_DEMAND, Topics.DEMAND_GAP, Topics.FRONT_INDICATORS,
                Topics.ASSESSMENTS, Topics.ASSESSMENT_TIMELINE);
        assertThat(Topics.outputs()).containsExactly(Topics.DEAD_LETTERS, Topics.ACTOR_DEMAND, Topics.DEMAND_GAP,
                Topics.FRONT_INDICATORS, Topics.ASSESSMENTS, Topics.ASSESSMENT_TIMELINE);
    }

    @Test
    void shouldNameEachTopicShortlyWithoutTheCatalogPrefix() {
        assertThat(Topics.all()).extracting(Topic::shortName).containsExactly("events", "dead-letters", "actor-demand",
                "demand-gap", "front-indicators", "assessments", "assessment-timeline");
    }
}
