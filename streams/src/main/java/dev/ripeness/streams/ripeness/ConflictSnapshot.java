package dev.ripeness.streams.ripeness;

import dev.ripeness.streams.demand.ActorDemand;
import dev.ripeness.streams.model.Contribution;
import dev.ripeness.streams.stalemate.Battlefield;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The whole model state of one conflict at the end of one event date: what the fold
 * carries from one event date to the next. Its size depends on the configuration (actors,
 * fronts, dimensions) and the bounded explanation lists, never on the length of history.
 * Maps are sorted, so the bytes are deterministic.
 */
public final class ConflictSnapshot {
    public String conflict;
    public String date;
    /** Effective events dated up to {@link #date}. */
    public long eventCount;
    public String lastEventId;
    public TreeMap<String, ActorDemand> demand = new TreeMap<>();
    /** Tallies for the published front windows, sieges, area held. */
    public Battlefield battlefield = new Battlefield();
    /** Decayed evidence levels as of {@link #date}, by name ({@code stalemate.Evidence}). */
    public TreeMap<String, Double> levels = new TreeMap<>();
    public TreeMap<String, MediatorTrack> mediators = new TreeMap<>();
    /** Key {@code actorA|actorB|dimension}: the last event that moved that gap. */
    public TreeMap<String, Contribution> gapDrivers = new TreeMap<>();
    /** Key {@code front|actor}: events that moved momentum there. */
    public TreeMap<String, List<Contribution>> frontDrivers = new TreeMap<>();
    /** Key component: the explanation that adds up to its value. */
    public TreeMap<String, Ledger> ledgers = new TreeMap<>();

    public ConflictSnapshot copy() {
        ConflictSnapshot s = new ConflictSnapshot();
        s.conflict = conflict;
        s.date = date;
        s.eventCount = eventCount;
        s.lastEventId = lastEventId;
        demand.forEach((k, v) -> s.demand.put(k, v.copy()));
        s.battlefield = battlefield.copy();
        s.levels.putAll(levels);
        mediators.forEach((k, v) -> s.mediators.put(k, v.copy()));
        s.gapDrivers.putAll(gapDrivers);
        frontDrivers.forEach((k, v) -> s.frontDrivers.put(k, new ArrayList<>(v)));
        ledgers.forEach((k, v) -> s.ledgers.put(k, v.copy()));
        return s;
    }

    public double level(String name) {
        return levels.getOrDefault(name, 0.0);
    }
}
