package dev.ripeness.streams.stalemate;

/** Running totals of what one actor suffered since the first event; windows are differences. */
public final class HurtTally {
    public double casualties;
    public int strikesSuffered;
    public int sanctions;
    public int mobilisation;
    public int aidSuspended;
    public int setbacks;
    /** Casualty reports without a figure, each counted by its intensity (1 when none). */
    public double lossReports;

    public HurtTally copy() {
        HurtTally t = new HurtTally();
        t.add(this, 1);
        return t;
    }

    /** This total minus an earlier one. Null {@code earlier} = since the start. */
    public HurtTally minus(HurtTally earlier) {
        HurtTally t = copy();
        if (earlier != null) {
            t.add(earlier, -1);
        }
        return t;
    }

    public void add(HurtTally o, int sign) {
        casualties += sign * o.casualties;
        strikesSuffered += sign * o.strikesSuffered;
        sanctions += sign * o.sanctions;
        mobilisation += sign * o.mobilisation;
        aidSuspended += sign * o.aidSuspended;
        setbacks += sign * o.setbacks;
        lossReports += sign * o.lossReports;
    }
}
