package dev.ripeness.streams.stalemate;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.event.EventType;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.model.ModelConfig;
import java.util.List;
import java.util.Map;

/**
 * How one event becomes evidence: increments of named, decaying levels (battlefield score and
 * weight per front and actor, km² changed, each hurt term per actor, the way-out channel,
 * violations, catastrophe and opportunity). Every increment is the event's confidence times
 * its volume share (see {@link #volumeShare}) times a named model parameter, so the same
 * event always adds the same evidence, whatever arrived before it.
 */
public final class Evidence {

    private Evidence() {}

    /** The way-out channel level. */
    public static final String WAY_OUT = "wayOut";
    /** Agreement violations (trust). */
    public static final String VIOLATIONS = "violations";
    public static final String CATASTROPHE = "catastrophe";
    public static final String OPPORTUNITY = "opportunity";

    /** Confidence-weighted battlefield scores of an actor on a front. */
    public static String score(String front, String actor) {
        return "sc|" + front + "|" + actor;
    }

    /** Confidence weight of the battlefield evidence behind {@link #score}. */
    public static String weight(String front, String actor) {
        return "ev|" + front + "|" + actor;
    }

    /** Signed km² the actor gained on a front (for time to goal). */
    public static String area(String front, String actor) {
        return "km|" + front + "|" + actor;
    }

    /** One hurt term of an actor. */
    public static String hurt(String term, String actor) {
        return "h." + term + "|" + actor;
    }

    /** The half-life of a level, from its name. */
    public static double halfLifeDays(String level, ModelConfig m) {
        if (level.startsWith("sc|") || level.startsWith("ev|") || level.startsWith("km|")) {
            return m.fronts().halfLifeDays();
        }
        if (level.startsWith("h.")) {
            return m.hurt().halfLifeDays();
        }
        return switch (level) {
            case WAY_OUT -> m.wayOut().halfLifeDays();
            case VIOLATIONS -> m.wayOut().trustHalfLifeDays();
            case CATASTROPHE -> m.catastrophe().halfLifeDays();
            case OPPORTUNITY -> m.opportunity().halfLifeDays();
            default -> throw new IllegalArgumentException("unknown level " + level);
        };
    }

    /**
     * The share of its evidence each of {@code n} events of the same actor, type, front and
     * target on the same date carries: {@code (1 + ln n) / n}. A data set that codes one day's
     * shelling as 120 rows then counts as about 5.8 events, so a provider's coding volume
     * cannot swamp the model, while distinct events still add up.
     */
    public static double volumeShare(int n) {
        return n <= 1 ? 1 : (1 + Math.log(n)) / n;
    }

    /** Where increments go; the snapshot's levels in the fold. */
    public interface Sink {
        void add(String level, double amount);
    }

    /**
     * Adds the event's evidence. {@code areaChangeKm2} is the km² the actor gained by the
     * event (TERRITORY_CHANGE, or a CONTROL_SNAPSHOT against the previous one), else null.
     */
    public static void apply(ConflictConfig c, ModelConfig m, Event e, double volume, Double areaChangeKm2, Sink out) {
        // Three parts, each its own method: one method of all three was too large for the JIT's C1
        // tier ("out of virtual registers") and so never reached C2 (docs/performance.md).
        double w = e.getConfidence() * volume;
        boolean belligerent = c.isBelligerent(e.getActor());
        List<String> counterparts = counterparts(c, e);
        double share = counterparts.isEmpty() ? 0 : 1.0 / counterparts.size();
        battlefieldEvidence(m, e, w, belligerent, counterparts, share, areaChangeKm2, out);
        hurtEvidence(c, m, e, w, belligerent, counterparts, share, areaChangeKm2, out);
        wayOutEvidence(c, m, e, w, out);
    }

    /** Battlefield momentum: the actor's own score; the ground it took counts against who lost it. */
    private static void battlefieldEvidence(ModelConfig m, Event e, double w, boolean belligerent, List<String> counterparts,
                                            double share, Double areaChangeKm2, Sink out) {
        String type = e.getType();
        String actor = e.getActor();
        Double score = m.fronts().scores().get(type);
        if (EventType.TERRITORY_CHANGE.is(type) && areaChangeKm2 != null
                || EventType.CONTROL_SNAPSHOT.is(type) && areaChangeKm2 != null) {
            score = Math.tanh(areaChangeKm2 / m.fronts().areaScaleKm2());
        }
        if (score != null && belligerent) {
            battlefield(out, e.getFront(), actor, w, score);
            Double loss = m.fronts().lossShares().get(EventType.CONTROL_SNAPSHOT.is(type) ? EventType.TERRITORY_CHANGE.name() : type);
            if (loss != null && loss > 0) {
                for (String other : counterparts) {
                    battlefield(out, e.getFront(), other, w * loss * share, -score);
                }
            }
            if (areaChangeKm2 != null) {
                areaOf(out, e.getFront(), actor, w * areaChangeKm2);
                for (String other : counterparts) {
                    areaOf(out, e.getFront(), other, -w * areaChangeKm2 * share);
                }
            }
        }
    }

    /** Hurt: what each side pays, each into its named term. */
    private static void hurtEvidence(ConflictConfig c, ModelConfig m, Event e, double w, boolean belligerent, List<String> counterparts,
                                     double share, Double areaChangeKm2, Sink out) {
        String type = e.getType();
        String actor = e.getActor();
        Long casualties = e.getCasualties();
        double size = e.getIntensity() == null ? 1.0 : e.getIntensity();
        EventType kind = EventType.parse(type).orElse(null);
        if (kind != null) {
            switch (kind) {
                case CASUALTIES_REPORTED -> {
                    // The actor is the side that suffered (docs/history.md conventions).
                    if (casualties != null) {
                        out.add(hurt("casualties", actor), w * casualties);
                    } else {
                        out.add(hurt("lossReports", actor), w * size);
                    }
                }
                case ARMED_CLASH -> {
                    // Upstream data sets give a clash's toll without a side breakdown: split it evenly.
                    List<String> sides = new java.util.ArrayList<>();
                    if (belligerent) {
                        sides.add(actor);
                    }
                    if (e.getTarget() != null && c.isBelligerent(e.getTarget())) {
                        sides.add(e.getTarget());
                    }
                    for (String side : sides) {
                        out.add(hurt("attrition", side), w / sides.size());
                        if (casualties != null) {
                            out.add(hurt("casualties", side), w * casualties / sides.size());
                        }
                    }
                }
                case STRIKE -> {
                    for (String other : counterparts) {
                        out.add(hurt("strikesSuffered", other), w * size * share);
                        if (casualties != null) {
                            out.add(hurt("casualties", other), w * casualties * share);
                        }
                    }
                }
                case MASS_ATROCITY -> {
                    for (String other : counterparts) {
                        out.add(hurt("atrocities", other), w * share);
                        if (casualties != null) {
                            out.add(hurt("casualties", other), w * casualties * share);
                        }
                    }
                }
                case OFFENSIVE_LAUNCHED, SIEGE_STARTED -> {
                    if (belligerent) {
                        out.add(hurt("attrition", actor), w);
                    }
                    for (String other : counterparts) {
                        out.add(hurt("underAttack", other), w * share);
                    }
                    if (casualties != null && belligerent) {
                        out.add(hurt("casualties", actor), w * casualties);
                    }
                }
                case SETTLEMENT_CAPTURED, ENCIRCLEMENT -> {
                    for (String other : counterparts) {
                        out.add(hurt("groundLost", other), w * Math.abs(m.fronts().scores().getOrDefault(type, 1.0)) * share);
                    }
                }
                case TERRITORY_CHANGE, CONTROL_SNAPSHOT -> {
                    if (areaChangeKm2 == null && EventType.TERRITORY_CHANGE.is(type) || areaChangeKm2 != null && areaChangeKm2 > 0) {
                        double magnitude = areaChangeKm2 == null ? 1 : Math.tanh(areaChangeKm2 / m.fronts().areaScaleKm2());
                        for (String other : counterparts) {
                            out.add(hurt("groundLost", other), w * magnitude * share);
                        }
                    } else if (areaChangeKm2 != null && areaChangeKm2 < 0 && belligerent) {
                        out.add(hurt("groundLost", actor), w * Math.tanh(-areaChangeKm2 / m.fronts().areaScaleKm2()));
                    }
                }
                case WITHDRAWAL -> {
                    if (belligerent) {
                        out.add(hurt("groundLost", actor), w);
                    }
                }
                case OFFENSIVE_FAILED, OFFENSIVE_STALLED -> {
                    if (belligerent) {
                        out.add(hurt("setbacks", actor), w * Math.abs(m.fronts().scores().getOrDefault(type, 1.0)));
                        if (casualties != null) {
                            out.add(hurt("casualties", actor), w * casualties);
                        }
                    }
                }
                case SANCTIONS_IMPOSED -> counterparts.forEach(o -> out.add(hurt("sanctions", o), w * share));
                case MOBILISATION -> {
                    if (belligerent) {
                        out.add(hurt("mobilisation", actor), w);
                    }
                }
                case AID_SUSPENDED -> {
                    if (e.getTarget() != null && c.isBelligerent(e.getTarget())) {
                        out.add(hurt("aidSuspended", e.getTarget()), w);
                    }
                }
                default -> { }
            }
        }
    }

    /** Way out, trust, catastrophe, opportunity. */
    private static void wayOutEvidence(ConflictConfig c, ModelConfig m, Event e, double w, Sink out) {
        String type = e.getType();
        String actor = e.getActor();
        Double impulse = m.wayOut().impulses().get(type);
        if (impulse != null) {
            out.add(WAY_OUT, impulse * w);
        }
        boolean mediator = c.actor(actor).map(a -> a.role() == ConflictConfig.Role.MEDIATOR).orElse(false);
        if (mediator && (impulse != null && impulse > 0 || EventType.MEDIATOR_STANCE.is(type))) {
            out.add(WAY_OUT, m.wayOut().mediatorImpulse() * w);
        }
        if (EventType.AGREEMENT_VIOLATION.is(type)) {
            out.add(VIOLATIONS, m.wayOut().violationImpulse() * w);
        }
        signal(out, CATASTROPHE, m.catastrophe().impulses(), type, w);
        signal(out, OPPORTUNITY, m.opportunity().impulses(), type, w);
    }

    /**
     * Who an event is done to: its target when that is a belligerent of another side,
     * otherwise the acting belligerent's opponents (empty for a non-belligerent without one).
     */
    static List<String> counterparts(ConflictConfig c, Event e) {
        if (e.getTarget() != null) {
            boolean opposing = c.opposes(e.getActor(), e.getTarget())
                    || !c.isBelligerent(e.getActor()) && c.isBelligerent(e.getTarget());
            return opposing ? List.of(e.getTarget()) : List.of();
        }
        return Battlefield.opponents(c, e.getActor());
    }

    private static void battlefield(Sink out, String front, String actor, double w, double score) {
        out.add(weight(Battlefield.ALL, actor), w);
        out.add(score(Battlefield.ALL, actor), w * score);
        if (front != null) {
            out.add(weight(front, actor), w);
            out.add(score(front, actor), w * score);
        }
    }

    private static void areaOf(Sink out, String front, String actor, double km2) {
        out.add(area(Battlefield.ALL, actor), km2);
        if (front != null) {
            out.add(area(front, actor), km2);
        }
    }

    private static void signal(Sink out, String level, Map<String, Double> impulses, String type, double w) {
        Double impulse = impulses.get(type);
        if (impulse != null) {
            out.add(level, impulse * w);
        }
    }
}
