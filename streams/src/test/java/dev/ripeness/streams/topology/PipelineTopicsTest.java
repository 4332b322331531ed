package dev.ripeness.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.topics.Topic;
import dev.ripeness.topics.Topics;
import org.junit.jupiter.api.Test;

/** A run's topic names: one per catalog topic, so each list of them follows the catalog. */
class PipelineTopicsTest {

    @Test
    void shouldRenameEveryOutputOfTheCatalogAndKeepTheEventLogWhenASideRunIsMade() {
        // When
        PipelineTopics side = PipelineTopics.sideRun("ripeness-verify-1a2b");

        // Then every output is renamed under the prefix, in catalog order, keyed by its declaration
        assertThat(side.outputTopics().keySet()).containsExactlyElementsOf(Topics.outputs());
        side.outputTopics().forEach((topic, name) -> assertThat(name).isEqualTo("ripeness-verify-1a2b." + topic.shortName()));
        assertThat(side.events()).isEqualTo(Topics.EVENTS.name());
        assertThat(side.stateTopics()).containsExactly("ripeness-verify-1a2b.actor-demand", "ripeness-verify-1a2b.demand-gap",
                "ripeness-verify-1a2b.front-indicators", "ripeness-verify-1a2b.assessments",
                "ripeness-verify-1a2b.assessment-timeline");
    }

    @Test
    void shouldUseTheCatalogNamesLiveAndPrefixTheLogTooWhenIsolated() {
        assertThat(PipelineTopics.live().names().values())
                .containsExactlyElementsOf(Topics.all().stream().map(Topic::name).toList());
        assertThat(PipelineTopics.isolated("it-7").events()).isEqualTo("it-7.events");
        assertThat(PipelineTopics.live().withEvents("other-log").events()).isEqualTo("other-log");
        assertThat(PipelineTopics.live().withEvents("other-log").assessments()).isEqualTo(Topics.ASSESSMENTS.name());
    }
}
