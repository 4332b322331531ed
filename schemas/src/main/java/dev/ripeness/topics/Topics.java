package dev.ripeness.topics;

import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.DeadLetter;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.serde.AvroSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the pipeline, declared once. {@code docs/topics.md} lists the same table
 * and a test keeps the two in step. Keys are plain UTF-8 strings so that partitioning and
 * store look-ups never depend on a schema fingerprint.
 */
public final class Topics {

    private Topics() {}

    public static final Topic<String, Event> EVENTS = new Topic<>("ripeness.events",
            Serdes.String(), AvroSerde.of(Event.class), Topic.Kind.LOG,
            "conflict id", "Event",
            "The immutable event log, the source of truth. Keyed by conflict so each conflict's events stay in order on one partition.");

    public static final Topic<String, DeadLetter> DEAD_LETTERS = new Topic<>("ripeness.dead-letters",
            Serdes.String(), AvroSerde.of(DeadLetter.class), Topic.Kind.LOG,
            "origin (file:line, request, topic-partition-offset)", "DeadLetter",
            "Every record the feeders or the pipeline could not accept, with its original bytes and the reason.");

    public static final Topic<String, ActorDemandState> ACTOR_DEMAND = new Topic<>("ripeness.actor-demand",
            Serdes.String(), AvroSerde.of(ActorDemandState.class), Topic.Kind.STATE,
            "conflict|actor", "ActorDemandState",
            "Each actor's current demanded and acceptable rungs, demand index, escalations and ratchets.");

    public static final Topic<String, DemandGap> DEMAND_GAP = new Topic<>("ripeness.demand-gap",
            Serdes.String(), AvroSerde.of(DemandGap.class), Topic.Kind.STATE,
            "conflict|actorA|actorB", "DemandGap",
            "Demand gap per pair of belligerents and dimension, and whether a zone of possible agreement exists.");

    public static final Topic<String, FrontIndicators> FRONT_INDICATORS = new Topic<>("ripeness.front-indicators",
            Serdes.String(), AvroSerde.of(FrontIndicators.class), Topic.Kind.STATE,
            "conflict|front|actor", "FrontIndicators",
            "Rolling front-line indicators per front and actor: area, captures, offensives, sieges, momentum, time to goal, stalemate.");

    public static final Topic<String, RipenessAssessment> ASSESSMENTS = new Topic<>("ripeness.assessments",
            Serdes.String(), AvroSerde.of(RipenessAssessment.class), Topic.Kind.STATE,
            "conflict", "RipenessAssessment",
            "The latest ripeness assessment per conflict (the one with the latest event date).");

    public static final Topic<String, RipenessAssessment> ASSESSMENT_TIMELINE = new Topic<>("ripeness.assessment-timeline",
            Serdes.String(), AvroSerde.of(RipenessAssessment.class), Topic.Kind.STATE,
            "conflict|YYYY-MM-DD", "RipenessAssessment",
            "One assessment per conflict and event date, its drivers without notes: the whole series a dashboard draws.");

    /**
     * The topics the pipeline reads or writes, in the order {@code docs/topics.md} lists them:
     * the one list of topics; every other list (state topics, a run's outputs, a sink's
     * tables) is derived from it.
     */
    public static List<Topic<?, ?>> all() {
        return List.of(EVENTS, DEAD_LETTERS, ACTOR_DEMAND, DEMAND_GAP, FRONT_INDICATORS, ASSESSMENTS, ASSESSMENT_TIMELINE);
    }

    /** What the pipeline writes: every topic but the event log, in catalog order. */
    public static List<Topic<?, ?>> outputs() {
        return all().stream().filter(t -> t != EVENTS).toList();
    }

    /** The compacted state topics (kind {@link Topic.Kind#STATE}), in catalog order. */
    public static List<Topic<?, ?>> state() {
        return all().stream().filter(t -> t.kind() == Topic.Kind.STATE).toList();
    }
}
