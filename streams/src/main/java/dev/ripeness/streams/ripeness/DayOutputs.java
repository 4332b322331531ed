package dev.ripeness.streams.ripeness;

import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.RipenessAssessment;
import java.util.List;

/**
 * Everything published for one conflict at the end of one event date.
 *
 * @param actors one per configured actor
 * @param gaps one per pair of opposing belligerents
 * @param fronts one per configured front (and the all-fronts aggregate) and belligerent
 */
public record DayOutputs(RipenessAssessment assessment, List<ActorDemandState> actors, List<DemandGap> gaps,
                         List<FrontIndicators> fronts) {}
