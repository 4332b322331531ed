package dev.ripeness.streams.demand;

/**
 * An actor's rungs on one dimension as the model keeps them (mutable, serialised in snapshots).
 * Ranks are 0-based positions on the conflict's ladder; null = never stated.
 */
public final class Position {
    public String demand;
    public Integer demandRank;
    public String accept;
    public Integer acceptRank;
    public String changedOn;
    public String changedBy;

    public Position copy() {
        Position p = new Position();
        p.demand = demand;
        p.demandRank = demandRank;
        p.accept = accept;
        p.acceptRank = acceptRank;
        p.changedOn = changedOn;
        p.changedBy = changedBy;
        return p;
    }
}
