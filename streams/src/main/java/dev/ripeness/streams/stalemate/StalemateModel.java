package dev.ripeness.streams.stalemate;

import dev.ripeness.streams.model.ModelConfig;
import java.util.Map;

/**
 * Front-line arithmetic (momentum, time to goal, tactical and strategic stalemate, perceived
 * stalemate) and hurt. Pure functions of decayed evidence levels and model parameters.
 */
public final class StalemateModel {

    private StalemateModel() {}

    /**
     * Momentum -1..1: the confidence-weighted mean battlefield score, shrunk towards 0 by
     * {@code fronts.priorEvidence}: {@code score / (priorEvidence + weight)}. One event of
     * full confidence moves it by at most {@code 1 / (1 + priorEvidence)}; consistent evidence
     * over weeks moves it further.
     */
    public static double momentum(double score, double weight, ModelConfig.Fronts p) {
        return score / (p.priorEvidence() + Math.max(0, weight));
    }

    /**
     * Years to reach the territorial aim at the recent net rate of gain: 0 when already held,
     * null when the aim or the area held is unknown, or when the rate is not positive (never).
     * The rate is the decayed km² gained divided by the evidence's mean age
     * ({@code fronts.halfLifeDays / ln 2}).
     */
    public static Double timeToGoalYears(Double aimKm2, Double heldKm2, double decayedKm2, ModelConfig.Fronts p) {
        if (aimKm2 == null || heldKm2 == null) {
            return null;
        }
        double missing = aimKm2 - heldKm2;
        if (missing <= 0) {
            return 0.0;
        }
        double perYear = decayedKm2 / (p.halfLifeDays() / Math.log(2)) * 365.0;
        return perYear > 0 ? missing / perYear : null;
    }

    /**
     * Strategic stalemate 0..1 where the arithmetic is known (an aim and the area held): time
     * to goal over {@code fronts.strategicHorizonYears}, 1 when the goal is never reached at the
     * current rate. Null when not measurable: then only the tactical reading counts, so the same
     * signal is never counted twice.
     */
    public static Double strategicStalemate(boolean measurable, Double timeToGoalYears, ModelConfig.Fronts p) {
        if (!measurable) {
            return null;
        }
        return timeToGoalYears == null ? 1.0 : clamp(timeToGoalYears / p.strategicHorizonYears());
    }

    /** Tactical stalemate on a front: every belligerent's |momentum| below {@code fronts.tacticalStalemateMomentum}. */
    public static boolean tacticalStalemate(double[] momenta, ModelConfig.Fronts p) {
        for (double m : momenta) {
            if (Math.abs(m) >= p.tacticalStalemateMomentum()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Perceived stalemate 0..1. Tactical reading: {@code 1 / (1 + exp(momentum / momentumTemperature))},
     * 0.5 when nothing moves, towards 1 when losing ground, towards 0 when gaining: an actor that
     * gains does not perceive a stalemate even when its goal is years away. Where the strategic
     * arithmetic is known it weighs {@code 1 - tacticalWeight}.
     */
    public static double perceivedStalemate(double momentum, Double strategic, ModelConfig.Perception p) {
        double tactical = 1 / (1 + Math.exp(momentum / p.momentumTemperature()));
        return strategic == null ? tactical : p.tacticalWeight() * tactical + (1 - p.tacticalWeight()) * strategic;
    }

    /**
     * Hurt 0..1: each named term saturates, {@code weight * (1 - exp(-level / scale))}, and the
     * terms combine as a noisy-OR, {@code 1 - prod(1 - term)}, so one heavy cost can hurt a lot
     * and each further kind of cost adds less.
     *
     * @param levels decayed level per term name (missing = 0)
     */
    public static double hurt(Map<String, Double> levels, Map<String, ModelConfig.Term> terms) {
        double spared = 1;
        for (Map.Entry<String, ModelConfig.Term> t : terms.entrySet()) {
            spared *= 1 - term(levels.getOrDefault(t.getKey(), 0.0), t.getValue());
        }
        return 1 - spared;
    }

    /** One hurt term: {@code weight * (1 - exp(-level / scale))}. */
    public static double term(double level, ModelConfig.Term t) {
        return t.weight() * (1 - Math.exp(-Math.max(0, level) / t.scale()));
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
