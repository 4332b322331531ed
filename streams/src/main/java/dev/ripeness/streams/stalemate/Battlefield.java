package dev.ripeness.streams.stalemate;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.event.EventType;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.model.ModelConfig;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The battlefield and hurt part of a conflict's state at the end of an event date: running
 * tallies per front and actor (and per actor over all fronts, front {@value #ALL}), open
 * sieges, area held, and what each actor suffered. Mutable for the fold; bounded by the
 * configuration (fronts × actors), never by history.
 */
public final class Battlefield {

    /** The pseudo-front that aggregates every front, and events that name none. */
    public static final String ALL = "ALL";

    /** Key {@code front|actor}. */
    public TreeMap<String, FrontTally> tallies = new TreeMap<>();
    /** Key {@code front|actor}: date the open siege started. */
    public TreeMap<String, String> siegeStart = new TreeMap<>();
    /** Key {@code front|actor}: km² held as of the last CONTROL_SNAPSHOT, moved by TERRITORY_CHANGE since. */
    public TreeMap<String, Double> heldKm2 = new TreeMap<>();

    public static String key(String front, String actor) {
        return front + "|" + actor;
    }

    public Battlefield copy() {
        Battlefield b = new Battlefield();
        tallies.forEach((k, v) -> b.tallies.put(k, v.copy()));
        b.siegeStart.putAll(siegeStart);
        b.heldKm2.putAll(heldKm2);
        return b;
    }

    /** What applying an event changed that the model reads: who suffered a setback, and the area that changed hands. */
    public record Applied(List<String> setbacks, Double areaChangeKm2) {}

    /**
     * Applies one event to the tallies, sieges and area held. Returns the actors that suffered
     * a setback (for the ratchet): the actor itself for {@code demand.setbackTypes}, the target
     * (or the other side's belligerents) for {@code demand.opponentGainTypes}; and the signed
     * km² the actor gained (TERRITORY_CHANGE, or a CONTROL_SNAPSHOT against the previous one).
     */
    public Applied apply(ConflictConfig conflict, Event e, ModelConfig model) {
        String actor = e.getActor();
        String front = e.getFront() == null ? null : e.getFront();
        String type = e.getType();
        Double areaChange = null;
        EventType kind = EventType.parse(type).orElse(null);
        if (kind != null) {
            switch (kind) {
                case OFFENSIVE_LAUNCHED -> count(front, actor, t -> t.offensives++);
                case SETTLEMENT_CAPTURED, ENCIRCLEMENT -> {
                    count(front, actor, t -> t.captures++);
                    siegeStart.remove(key(front == null ? ALL : front, actor));
                }
                case OFFENSIVE_STALLED -> count(front, actor, t -> t.stalled++);
                case OFFENSIVE_FAILED -> {
                    count(front, actor, t -> t.failed++);
                    siegeStart.remove(key(front == null ? ALL : front, actor));
                }
                case WITHDRAWAL -> {
                    count(front, actor, t -> t.withdrawals++);
                    siegeStart.remove(key(front == null ? ALL : front, actor));
                }
                case SIEGE_STARTED -> siegeStart.putIfAbsent(key(front == null ? ALL : front, actor), e.getDate());
                case TERRITORY_CHANGE -> {
                    if (e.getAreaKm2() != null) {
                        double km2 = e.getAreaKm2();
                        areaChange = km2;
                        count(front, actor, t -> {
                            t.areaKm2 += km2;
                            t.areaFigures++;
                        });
                        if (front != null) {
                            heldKm2.computeIfPresent(key(front, actor), (k, v) -> v + km2);
                        }
                        heldKm2.computeIfPresent(key(ALL, actor), (k, v) -> v + km2);
                    } else {
                        // Without a figure, a change is reported by the side that moved forward: a qualitative gain.
                        count(front, actor, t -> t.captures++);
                    }
                }
                case CONTROL_SNAPSHOT -> {
                    if (e.getAreaKm2() != null) {
                        areaChange = controlSnapshot(front, actor, e.getAreaKm2());
                    }
                }
                default -> { }
            }
        }
        List<String> setback = new ArrayList<>();
        if (model.demand().setbackTypes().contains(type) && conflict.isBelligerent(actor)) {
            setback.add(actor);
        }
        if (model.demand().opponentGainTypes().contains(type)) {
            setback.addAll(sufferers(conflict, e));
        }
        return new Applied(setback, areaChange);
    }

    private Double controlSnapshot(String front, String actor, double held) {
        String f = front == null ? ALL : front;
        Double before = heldKm2.get(key(f, actor));
        Double delta0 = before == null ? null : held - before;
        if (before != null) {
            double delta = held - before;
            count(front, actor, t -> {
                t.areaKm2 += delta;
                t.areaFigures++;
            });
            if (front != null) {
                heldKm2.computeIfPresent(key(ALL, actor), (k, v) -> v + delta);
            }
        }
        heldKm2.put(key(f, actor), held);
        return delta0;
    }

    /** Area the actor holds: its own all-fronts figure if it has one, else the sum of its front figures, else null. */
    public Double held(String actor) {
        Double all = heldKm2.get(key(ALL, actor));
        if (all != null) {
            return all;
        }
        Double sum = null;
        for (Map.Entry<String, Double> e : heldKm2.entrySet()) {
            if (e.getKey().endsWith("|" + actor)) {
                sum = (sum == null ? 0 : sum) + e.getValue();
            }
        }
        return sum;
    }

    /** Days the actor's open siege on the front has lasted as of {@code date} (longest over fronts for {@value #ALL}). */
    public Integer siegeDays(String front, String actor, LocalDate date) {
        if (siegeStart.isEmpty()) {
            return null;
        }
        Integer days = null;
        boolean all = front.equals(ALL);
        String suffix = "|" + actor;
        String key = key(front, actor);
        for (Map.Entry<String, String> e : siegeStart.entrySet()) {
            boolean mine = all ? e.getKey().endsWith(suffix) : e.getKey().equals(key);
            if (mine) {
                int d = (int) ChronoUnit.DAYS.between(LocalDate.parse(e.getValue()), date);
                days = days == null ? d : Math.max(days, d);
            }
        }
        return days;
    }

    private void count(String front, String actor, java.util.function.Consumer<FrontTally> change) {
        if (front != null) {
            change.accept(tallies.computeIfAbsent(key(front, actor), k -> new FrontTally()));
        }
        change.accept(tallies.computeIfAbsent(key(ALL, actor), k -> new FrontTally()));
    }

    /** Who bears an event done to someone: its target when set, otherwise the acting belligerent's opponents. */
    public static List<String> sufferers(ConflictConfig conflict, Event e) {
        if (e.getTarget() != null) {
            return List.of(e.getTarget());
        }
        return opponents(conflict, e.getActor());
    }

    /** The belligerents on the other sides than a belligerent's, in code order; empty for anyone else. */
    public static List<String> opponents(ConflictConfig conflict, String actor) {
        TreeSet<String> others = new TreeSet<>();
        conflict.opponents(actor).forEach(a -> others.add(a.code()));
        return List.copyOf(others);
    }
}
