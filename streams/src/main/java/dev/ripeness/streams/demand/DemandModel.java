package dev.ripeness.streams.demand;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.conflict.ConflictConfig.Actor;
import dev.ripeness.conflict.ConflictConfig.Dimension;
import dev.ripeness.conflict.ConflictConfig.Direction;
import dev.ripeness.event.EventType;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.model.Contribution;
import dev.ripeness.streams.model.ModelConfig;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demand ladders (docs/model.md §5, Demand): positions, demand index, escalations, the ratchet after
 * setbacks, and the demand gap between belligerents. Pure functions over {@link ActorDemand}.
 */
public final class DemandModel {

    private DemandModel() {}

    /** ZOPA answers. */
    public static final String YES = "YES";
    public static final String NO = "NO";
    public static final String UNKNOWN = "UNKNOWN";

    /**
     * A rung's demand level, 0..1: an {@code UP} actor demands more the higher it climbs; a
     * {@code DOWN} actor demands more the lower it asks the ladder to go (the ladder is
     * ordered by how much is demanded of the DOWN side), so its rank is inverted.
     */
    public static double normalise(int rank, int top, Direction direction) {
        double r = top == 0 ? 0 : (double) rank / top;
        return direction == Direction.DOWN ? 1 - r : r;
    }

    /** Mean demand level over the dimensions where the actor stated a demand; null when it stated none. */
    public static Double index(ConflictConfig conflict, Actor actor, ActorDemand state) {
        double sum = 0;
        int n = 0;
        for (Dimension d : conflict.dimensions()) {
            Position p = state.positions.get(d.id());
            if (p != null && p.demandRank != null) {
                sum += normalise(p.demandRank, d.top(), direction(actor));
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    /** Records a setback of the actor on {@code date} (feeds the ratchet). */
    public static void setback(ActorDemand state, LocalDate date) {
        String d = date.toString();
        if (state.lastSetback == null || state.lastSetback.compareTo(d) < 0) {
            state.lastSetback = d;
        }
    }

    /**
     * Applies the event's positions to the acting actor's state: new rungs, escalation and
     * de-escalation counts, ratchets (a raise within {@code demand.ratchetWindowDays} after a
     * setback). Returns the event's contribution to the actor's demand index (empty when the
     * index did not move).
     */
    public static List<Contribution> apply(ConflictConfig conflict, Actor actor, ActorDemand state, Event event,
                                           ModelConfig model) {
        if (event.getPositions().stream().noneMatch(p -> owner(p, event).equals(actor.code()))) {
            return List.of();
        }
        LocalDate date = LocalDate.parse(event.getDate());
        Double before = index(conflict, actor, state);
        List<String> notes = new ArrayList<>();
        for (dev.ripeness.schema.Position stated : event.getPositions()) {
            if (!owner(stated, event).equals(actor.code())) {
                continue;
            }
            Dimension dim = conflict.dimension(stated.getDimension()).orElseThrow(
                    () -> new IllegalArgumentException("unknown dimension " + stated.getDimension()));
            Position p = state.positions.computeIfAbsent(dim.id(), k -> new Position());
            boolean changed = false;
            // Signing an agreement at a rung is settling there: the signatory's demand becomes that rung.
            String demanded = stated.getDemand() == null && EventType.AGREEMENT.is(event.getType())
                    ? stated.getAccept() : stated.getDemand();
            if (demanded != null) {
                int rank = dim.rank(demanded);
                if (p.demandRank == null || p.demandRank != rank) {
                    if (p.demandRank != null) {
                        double was = normalise(p.demandRank, dim.top(), direction(actor));
                        double now = normalise(rank, dim.top(), direction(actor));
                        if (now > was) {
                            state.escalations++;
                            if (withinRatchet(state, date, model)) {
                                state.ratchets++;
                                notes.add("ratchet: raise on " + dim.id() + " within demand.ratchetWindowDays="
                                        + model.demand().ratchetWindowDays() + " of the setback on " + state.lastSetback);
                            }
                        } else if (now < was) {
                            state.deescalations++;
                        }
                    }
                    notes.add(dim.id() + " demand " + (p.demand == null ? "none" : p.demand) + " -> " + demanded
                            + (demanded.equals(stated.getDemand()) ? "" : " (agreed)"));
                    p.demand = demanded;
                    p.demandRank = rank;
                    changed = true;
                }
            }
            if (stated.getAccept() != null) {
                int rank = dim.rank(stated.getAccept());
                if (p.acceptRank == null || p.acceptRank != rank) {
                    notes.add(dim.id() + " accept " + (p.accept == null ? "none" : p.accept) + " -> " + stated.getAccept());
                    p.accept = stated.getAccept();
                    p.acceptRank = rank;
                    changed = true;
                }
            }
            if (changed) {
                p.changedOn = event.getDate();
                p.changedBy = event.getEventId();
            }
        }
        Double after = index(conflict, actor, state);
        double delta = value(after) - value(before);
        if (notes.isEmpty() || delta == 0 && before != null) {
            return List.of();
        }
        return List.of(new Contribution(event.getEventId(), event.getDate(), "demandIndex:" + actor.code(), delta,
                String.join("; ", notes) + " (rung rank normalised over the ladder, demandDirection "
                        + direction(actor) + ")"));
    }

    /** Whose position a stated position is: its own {@code actor}, else the event's actor. */
    public static String owner(dev.ripeness.schema.Position stated, Event event) {
        return stated.getActor() != null ? stated.getActor() : event.getActor();
    }

    private static boolean withinRatchet(ActorDemand state, LocalDate date, ModelConfig model) {
        if (state.lastSetback == null) {
            return false;
        }
        long days = ChronoUnit.DAYS.between(LocalDate.parse(state.lastSetback), date);
        return days >= 0 && days <= model.demand().ratchetWindowDays();
    }

    /**
     * The gap between two belligerents on every dimension and whether a zone of possible
     * agreement exists.
     *
     * @param dimensions per dimension 0..1, null = unknown
     * @param gap mean over dimensions, null when any is unknown
     * @param maxKnown the largest gap known in either direction on any dimension (0 counts), null when none is known
     * @param zopa YES (every gap known and 0), NO (some known gap above 0), UNKNOWN otherwise
     */
    public record PairGap(String actorA, String actorB, Map<String, Double> dimensions, Double gap, Double maxKnown,
                          String zopa) {}

    /**
     * How far each side's demand exceeds what the other said it could accept, normalised by
     * the ladder. In one direction: the UP side demands rank {@code u.demand}, the DOWN side
     * accepts down to {@code d.accept}: gap {@code max(0, u.demand - d.accept) / top}; in the
     * other: the DOWN side demands {@code d.demand}, the UP side accepts {@code u.accept}: gap
     * {@code max(0, u.accept - d.demand) / top}. A dimension's gap is the larger; a direction
     * with a demand or an acceptable rung never stated is unknown, and the dimension is
     * unknown unless the other direction already shows a gap.
     */
    public static PairGap pairGap(ConflictConfig conflict, Actor a, ActorDemand da, Actor b, ActorDemand db) {
        Actor up = direction(a) == Direction.UP ? a : b;
        ActorDemand su = up == a ? da : db;
        ActorDemand sd = up == a ? db : da;
        Map<String, Double> dims = new java.util.LinkedHashMap<>();
        boolean anyUnknown = false;
        boolean anyPositive = false;
        double sum = 0;
        Double maxKnown = null;
        for (Dimension d : conflict.dimensions()) {
            Position pu = su.positions.get(d.id());
            Position pd = sd.positions.get(d.id());
            Double upToDown = pu != null && pu.demandRank != null && pd != null && pd.acceptRank != null
                    ? Math.max(0, pu.demandRank - pd.acceptRank) / (double) d.top() : null;
            Double downToUp = pd != null && pd.demandRank != null && pu != null && pu.acceptRank != null
                    ? Math.max(0, pu.acceptRank - pd.demandRank) / (double) d.top() : null;
            Double g;
            if (upToDown != null && downToUp != null) {
                g = Math.max(upToDown, downToUp);
            } else if (upToDown != null && upToDown > 0) {
                g = upToDown;
            } else if (downToUp != null && downToUp > 0) {
                g = downToUp;
            } else {
                g = null;
            }
            for (Double directional : new Double[] {upToDown, downToUp}) {
                if (directional != null) {
                    maxKnown = maxKnown == null ? directional : Math.max(maxKnown, directional);
                }
            }
            dims.put(d.id(), g);
            if (g == null) {
                anyUnknown = true;
            } else {
                sum += g;
                anyPositive |= g > 0;
            }
        }
        String zopa = anyPositive ? NO : anyUnknown || dims.isEmpty() ? UNKNOWN : YES;
        Double gap = anyUnknown || dims.isEmpty() ? null : sum / dims.size();
        String[] pair = a.code().compareTo(b.code()) <= 0 ? new String[] {a.code(), b.code()} : new String[] {b.code(), a.code()};
        return new PairGap(pair[0], pair[1], dims, gap, maxKnown, zopa);
    }

    /** Pairs of belligerents on opposite sides of the ladders (one UP, one DOWN), in code order. */
    public static List<Actor[]> opposingPairs(ConflictConfig conflict) {
        List<Actor> bs = conflict.belligerents().stream()
                .sorted((x, y) -> x.code().compareTo(y.code())).toList();
        List<Actor[]> pairs = new ArrayList<>();
        for (int i = 0; i < bs.size(); i++) {
            for (int j = i + 1; j < bs.size(); j++) {
                if (direction(bs.get(i)) != direction(bs.get(j))) {
                    pairs.add(new Actor[] {bs.get(i), bs.get(j)});
                }
            }
        }
        return pairs;
    }

    private static Direction direction(Actor actor) {
        return actor.demandDirection() == null ? Direction.UP : actor.demandDirection();
    }

    private static double value(Double d) {
        return d == null ? 0 : d;
    }
}
