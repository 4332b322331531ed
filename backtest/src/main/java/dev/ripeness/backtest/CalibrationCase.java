package dev.ripeness.backtest;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.schema.Event;
import java.time.LocalDate;
import java.util.List;

/**
 * One past conflict with a known outcome: its configuration, its cited events, and the label.
 *
 * @param rejected events the feeders' validation refused, as "line N: field: message" (reported, not used)
 */
public record CalibrationCase(ConflictConfig conflict, List<Event> events, List<String> rejected, Label label) {

    /** Whether the conflict ended in a negotiated settlement, or its peace process failed. */
    public enum Outcome { SETTLEMENT, FAILURE }

    /** Whether a case may be looked at while tuning the model, or is kept out of it. */
    public enum Set { TUNING, HOLDOUT }

    /**
     * @param date SETTLEMENT: the day the settlement was signed; FAILURE: the day the process was plainly over
     * @param windowStart the first day the backtest scores
     */
    public record Label(String conflict, Outcome outcome, LocalDate date, String agreement, LocalDate windowStart,
                        Set set, List<String> sources, String notes) {}

    public String id() {
        return conflict.id();
    }
}
