package dev.ripeness.streams.ripeness;

/** One mediator's stance on the PLAN_A (0) to PLAN_B (1) axis and how often it reversed. */
public final class MediatorTrack {
    public Double stance;
    /** +1 last moved toward PLAN_B, -1 toward PLAN_A, 0 not yet moved beyond the threshold. */
    public int lastDirection;
    public int reversals;
    public String lastDate;
    public String lastEventId;

    public MediatorTrack copy() {
        MediatorTrack m = new MediatorTrack();
        m.stance = stance;
        m.lastDirection = lastDirection;
        m.reversals = reversals;
        m.lastDate = lastDate;
        m.lastEventId = lastEventId;
        return m;
    }

    /**
     * Applies a new stance. A move of at least {@code threshold} sets a direction; a move in
     * the direction opposite to the last one counts as a reversal. Smaller moves only update
     * the stance, so drift does not count as oscillation.
     */
    public void apply(double newStance, double threshold, String date, String eventId) {
        if (stance != null) {
            double move = newStance - stance;
            // A tolerance so that 0.95 - 0.8 (0.1499... in binary) counts as a move of 0.15.
            if (Math.abs(move) >= threshold - 1e-9) {
                int direction = move > 0 ? 1 : -1;
                if (lastDirection != 0 && direction != lastDirection) {
                    reversals++;
                }
                lastDirection = direction;
            }
        }
        stance = newStance;
        lastDate = date;
        lastEventId = eventId;
    }
}
