package dev.ripeness.streams.topology;

import dev.ripeness.topics.Topics;
import java.util.List;

/**
 * The topics one run of the pipeline reads and writes. The live pipeline uses
 * {@link #live()} (the names of {@link Topics}); a side run (replay verification, model
 * comparison) reads the same event log and writes its state beside the live one under its
 * own prefix, e.g. {@code ripeness-verify-1a2b.assessments}.
 */
public record PipelineTopics(String events, String deadLetters, String actorDemand, String demandGap,
                             String frontIndicators, String assessments, String assessmentTimeline) {

    private static final String LIVE_PREFIX = "ripeness.";

    /** The live pipeline's topics, as declared in {@link Topics}. */
    public static PipelineTopics live() {
        return new PipelineTopics(Topics.EVENTS.name(), Topics.DEAD_LETTERS.name(), Topics.ACTOR_DEMAND.name(),
                Topics.DEMAND_GAP.name(), Topics.FRONT_INDICATORS.name(), Topics.ASSESSMENTS.name(),
                Topics.ASSESSMENT_TIMELINE.name());
    }

    /**
     * Reads the live event log and writes every output (dead letters and state) to topics named
     * {@code <prefix>.<short name>}: {@code ripeness.assessments} becomes {@code <prefix>.assessments}.
     */
    public static PipelineTopics sideRun(String prefix) {
        return live().withOutputs(prefix);
    }

    /** These topics with the outputs renamed {@code <prefix>.<short name>}; the same event log. */
    public PipelineTopics withOutputs(String prefix) {
        return new PipelineTopics(events, rename(prefix, deadLetters), rename(prefix, actorDemand),
                rename(prefix, demandGap), rename(prefix, frontIndicators), rename(prefix, assessments),
                rename(prefix, assessmentTimeline));
    }

    /** These topics reading another event log. */
    public PipelineTopics withEvents(String eventsTopic) {
        return new PipelineTopics(eventsTopic, deadLetters, actorDemand, demandGap, frontIndicators, assessments,
                assessmentTimeline);
    }

    /** A separate deployment: every topic, the event log included, named {@code <prefix>.<short name>}. */
    public static PipelineTopics isolated(String prefix) {
        PipelineTopics live = live();
        return new PipelineTopics(rename(prefix, live.events), rename(prefix, live.deadLetters), rename(prefix, live.actorDemand),
                rename(prefix, live.demandGap), rename(prefix, live.frontIndicators), rename(prefix, live.assessments),
                rename(prefix, live.assessmentTimeline));
    }

    /** The name a side run with {@code prefix} gives to the live topic {@code liveName}. */
    public static String rename(String prefix, String liveName) {
        String shortName = liveName.startsWith(LIVE_PREFIX) ? liveName.substring(LIVE_PREFIX.length()) : liveName;
        return prefix + "." + shortName;
    }

    /** The state topics (compacted, keyed), in the order of {@link Topics#all()}. */
    public List<String> stateTopics() {
        return List.of(actorDemand, demandGap, frontIndicators, assessments, assessmentTimeline);
    }

    /** Every topic this run writes. */
    public List<String> outputs() {
        return List.of(deadLetters, actorDemand, demandGap, frontIndicators, assessments, assessmentTimeline);
    }
}
