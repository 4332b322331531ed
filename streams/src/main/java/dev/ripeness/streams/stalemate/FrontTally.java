package dev.ripeness.streams.stalemate;

/**
 * Running totals of one actor's battlefield events on one front since the first event: a
 * window's count is the total at its end minus the total just before its start, so a
 * window costs two look-ups however many events it holds.
 */
public final class FrontTally {
    public int offensives;
    public int captures;
    public int stalled;
    public int failed;
    public int withdrawals;
    /** Signed km² gained (TERRITORY_CHANGE and CONTROL_SNAPSHOT differences). */
    public double areaKm2;
    /** How many km² figures went into {@link #areaKm2}; 0 = only qualitative events. */
    public int areaFigures;

    public FrontTally copy() {
        FrontTally t = new FrontTally();
        t.add(this, 1);
        return t;
    }

    /** This total minus an earlier one: the window between them. Null {@code earlier} = since the start. */
    public FrontTally minus(FrontTally earlier) {
        FrontTally t = copy();
        if (earlier != null) {
            t.add(earlier, -1);
        }
        return t;
    }

    /** Adds {@code sign} times {@code other}. */
    public void add(FrontTally other, int sign) {
        offensives += sign * other.offensives;
        captures += sign * other.captures;
        stalled += sign * other.stalled;
        failed += sign * other.failed;
        withdrawals += sign * other.withdrawals;
        areaKm2 += sign * other.areaKm2;
        areaFigures += sign * other.areaFigures;
    }
}
