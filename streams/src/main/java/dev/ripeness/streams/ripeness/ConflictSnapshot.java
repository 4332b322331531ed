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
 * Serialised as JSON in the snapshot store (maps sorted, so the bytes are deterministic).
 */
public final class ConflictSnapshot {
    public String conflict;
    public String date;
    /** Effective events dated up to {@link #date}. */
    public long eventCount;
    public String lastEventId;
    public TreeMap<String, ActorDemand> demand = new TreeMap<>();
    public Battlefield battlefield = new Battlefield();
    /** Decayed impulse levels as of {@link #date}. */
    public double wayOutLevel;
    public double violationLevel;
    public double catastropheLevel;
    public double opportunityLevel;
    public TreeMap<String, MediatorTrack> mediators = new TreeMap<>();
    /** Key {@code actorA|actorB|dimension}: the last event that moved that gap. */
    public TreeMap<String, Contribution> gapDrivers = new TreeMap<>();
    /** Key {@code front|actor}: events that moved momentum there. */
    public TreeMap<String, List<Contribution>> frontDrivers = new TreeMap<>();
    /** Events that moved the assessment's components. */
    public List<Contribution> drivers = new ArrayList<>();

    public ConflictSnapshot copy() {
        ConflictSnapshot s = new ConflictSnapshot();
        s.conflict = conflict;
        s.date = date;
        s.eventCount = eventCount;
        s.lastEventId = lastEventId;
        demand.forEach((k, v) -> s.demand.put(k, v.copy()));
        s.battlefield = battlefield.copy();
        s.wayOutLevel = wayOutLevel;
        s.violationLevel = violationLevel;
        s.catastropheLevel = catastropheLevel;
        s.opportunityLevel = opportunityLevel;
        mediators.forEach((k, v) -> s.mediators.put(k, v.copy()));
        s.gapDrivers.putAll(gapDrivers);
        frontDrivers.forEach((k, v) -> s.frontDrivers.put(k, new ArrayList<>(v)));
        s.drivers = new ArrayList<>(drivers);
        return s;
    }
}
