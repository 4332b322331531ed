package dev.ripeness.streams.stalemate;

import dev.ripeness.streams.model.ModelConfig;

/**
 * Front-line arithmetic (BRIEF §3.3): momentum, time to goal, tactical and strategic
 * stalemate, hurt and perceived stalemate. Pure functions of window tallies and parameters.
 */
public final class StalemateModel {

    private StalemateModel() {}

    /**
     * Qualitative battlefield score of a window: captures and offensives count for the
     * actor, stalled and failed offensives and withdrawals against it ({@code fronts.*Weight}).
     */
    public static double qualitativeScore(FrontTally w, ModelConfig.Fronts p) {
        return p.captureWeight() * w.captures + p.offensiveWeight() * w.offensives
                - p.stalledWeight() * w.stalled - p.failedWeight() * w.failed - p.withdrawalWeight() * w.withdrawals;
    }

    /**
     * Momentum -1..1 over a window: {@code tanh((own - opponentGainWeight * opponents) / qualitativeScale)}
     * from qualitative events alone; when km² figures fell in the window it blends in
     * {@code tanh(net km² per day / areaScaleKm2PerDay)} with weight {@code areaWeight}, so
     * figures sharpen the estimate without being required. The window sum is the smoothing.
     */
    public static double momentum(FrontTally own, FrontTally opponents, int windowDays, ModelConfig.Fronts p) {
        double score = qualitativeScore(own, p) - p.opponentGainWeight() * qualitativeScore(opponents, p);
        double qualitative = Math.tanh(score / p.qualitativeScale());
        if (own.areaFigures + opponents.areaFigures == 0) {
            return qualitative;
        }
        double netPerDay = (own.areaKm2 - opponents.areaKm2) / windowDays;
        double area = Math.tanh(netPerDay / p.areaScaleKm2PerDay());
        return p.areaWeight() * area + (1 - p.areaWeight()) * qualitative;
    }

    /**
     * Years to reach the territorial aim at the window's net rate: 0 when already held,
     * null when the aim or the area held is unknown, or the rate is not positive (infinite).
     */
    public static Double timeToGoalYears(Double aimKm2, Double heldKm2, FrontTally own, FrontTally opponents,
                                         int windowDays) {
        if (aimKm2 == null || heldKm2 == null) {
            return null;
        }
        double missing = aimKm2 - heldKm2;
        if (missing <= 0) {
            return 0.0;
        }
        double perYear = (own.areaKm2 - opponents.areaKm2) / windowDays * 365.0;
        return perYear > 0 ? missing / perYear : null;
    }

    /** Whether the arithmetic of time to goal is known (an aim and an area held). */
    public static boolean goalMeasurable(Double aimKm2, Double heldKm2) {
        return aimKm2 != null && heldKm2 != null;
    }

    /**
     * Strategic stalemate: when time to goal is measurable, goal unreachable or beyond
     * {@code fronts.strategicHorizonYears}; otherwise (qualitative data only) momentum below
     * {@code fronts.tacticalStalemateMomentum}.
     */
    public static boolean strategicStalemate(boolean measurable, Double timeToGoalYears, double momentum,
                                             ModelConfig.Fronts p) {
        if (measurable) {
            return timeToGoalYears == null || timeToGoalYears > p.strategicHorizonYears();
        }
        return momentum < p.tacticalStalemateMomentum();
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
     * Perceived stalemate 0..1: mostly tactical ({@code perception.tacticalWeight} of
     * {@code 0.5 - momentum / (2 * momentumScale)}, clamped: no movement reads as half a
     * stalemate, losing {@code momentumScale} or more as a full one, gaining as much as none),
     * the rest the strategic arithmetic. An actor that gains ground does not perceive a
     * stalemate even when its goal is years away.
     */
    public static double perceivedStalemate(double momentum, boolean strategic, ModelConfig.Perception p) {
        double tactical = clamp(0.5 - momentum / (2 * p.momentumScale()));
        return p.tacticalWeight() * tactical + (1 - p.tacticalWeight()) * (strategic ? 1 : 0);
    }

    /**
     * Hurt 0..1 over the hurt window: each named term saturates, {@code weight * (1 - exp(-x / scale))},
     * and the terms combine as a noisy-OR, {@code 1 - prod(1 - term)}, so one heavy cost
     * (casualties alone) can hurt a lot and each further kind of cost adds less.
     */
    public static double hurt(HurtTally w, ModelConfig.HurtTerms t) {
        double spared = (1 - term(w.casualties, t.casualties())) * (1 - term(w.strikesSuffered, t.strikesSuffered()))
                * (1 - term(w.sanctions, t.sanctions())) * (1 - term(w.mobilisation, t.mobilisation()))
                * (1 - term(w.aidSuspended, t.aidSuspended())) * (1 - term(w.setbacks, t.setbacks()))
                * (1 - term(w.lossReports, t.lossReports()));
        return 1 - spared;
    }

    private static double term(double x, ModelConfig.Term t) {
        return t.weight() * (1 - Math.exp(-Math.max(0, x) / t.scale()));
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
