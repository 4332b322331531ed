package dev.ripeness.streams.demand;

import dev.ripeness.streams.model.Contribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One actor's demand state at the end of an event date: rungs per dimension, escalation
 * counts, the last setback (for the ratchet) and the events that changed its demand index.
 * Mutable for the fold; its size depends on the conflict's configuration, never on history.
 */
public final class ActorDemand {
    public TreeMap<String, Position> positions = new TreeMap<>();
    public int escalations;
    public int deescalations;
    public int ratchets;
    /** Date of the actor's latest setback (own withdrawal, failed offensive, opponent's capture...). */
    public String lastSetback;
    public List<Contribution> drivers = new ArrayList<>();

    public ActorDemand copy() {
        ActorDemand a = new ActorDemand();
        for (Map.Entry<String, Position> e : positions.entrySet()) {
            a.positions.put(e.getKey(), e.getValue().copy());
        }
        a.escalations = escalations;
        a.deescalations = deescalations;
        a.ratchets = ratchets;
        a.lastSetback = lastSetback;
        a.drivers = new ArrayList<>(drivers);
        return a;
    }
}
