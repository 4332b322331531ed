package dev.ripeness.streams.ripeness;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.conflict.ConflictConfig.Actor;
import dev.ripeness.conflict.ConflictConfig.Direction;
import dev.ripeness.schema.ActorAssessment;
import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.Components;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.DimensionGap;
import dev.ripeness.schema.DimensionPosition;
import dev.ripeness.schema.Driver;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.MediatorState;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.WindowIndicators;
import dev.ripeness.streams.demand.ActorDemand;
import dev.ripeness.streams.demand.DemandModel;
import dev.ripeness.streams.demand.Position;
import dev.ripeness.streams.model.Contribution;
import dev.ripeness.streams.model.Contributions;
import dev.ripeness.streams.model.EventTypes;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.stalemate.Battlefield;
import dev.ripeness.streams.stalemate.FrontTally;
import dev.ripeness.streams.stalemate.HurtTally;
import dev.ripeness.streams.stalemate.StalemateModel;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ripeness model of one conflict (BRIEF §3.2–3.4) as a fold over event dates:
 * {@code snapshot(d) = fold(snapshot(previous event date), events of d)}, and the published
 * records of {@code d} derive from {@code snapshot(d)} and, for rolling windows, the
 * snapshots at {@code d - window}. Plain Java: the topology feeds it and stores its results.
 */
public final class RipenessModel {

    /** Bands. */
    public static final String UNRIPE = "UNRIPE";
    public static final String EMERGING = "EMERGING";
    public static final String RIPE = "RIPE";
    /** Pathways. */
    public static final String NONE = "NONE";
    public static final String PLAN_A_WINDOW = "PLAN_A_WINDOW";
    public static final String PLAN_B_PRESSURE = "PLAN_B_PRESSURE";

    private static final double EPSILON = 1e-12;

    private final ConflictConfig conflict;
    private final ModelConfig model;

    public RipenessModel(ConflictConfig conflict, ModelConfig model) {
        this.conflict = conflict;
        this.model = model;
    }

    public ConflictConfig conflict() {
        return conflict;
    }

    public ModelConfig model() {
        return model;
    }

    /**
     * One event date: folds its effective events (any order; they are sorted by event id
     * here) into the previous snapshot, derives what is published, and explains it: each
     * event's delta on each component is the value with all of the day's events minus the
     * value without that one (at most {@code explanations.maxEventsExplainedPerDay} events).
     *
     * @param previous snapshot of the previous event date, null for the first
     * @param lookup earlier snapshots for window starts (only dates before {@code date} are asked)
     */
    public DayResult day(ConflictSnapshot previous, LocalDate date, List<Event> events, SnapshotLookup lookup) {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Event::getEventId));
        Map<Integer, Battlefield> starts = windowStarts(date, lookup);
        ConflictSnapshot next = fold(previous, date, sorted);
        Derived full = derive(next, starts);
        List<Contribution> added = new ArrayList<>();
        if (sorted.size() <= model.explanations().maxEventsExplainedPerDay()) {
            for (int i = 0; i < sorted.size(); i++) {
                List<Event> without = new ArrayList<>(sorted);
                Event left = without.remove(i);
                Map<String, Double> other = derive(fold(previous, date, without), starts).components;
                for (Map.Entry<String, Double> c : full.components.entrySet()) {
                    double delta = nz(c.getValue()) - nz(other.get(c.getKey()));
                    if (Math.abs(delta) > 1e-9) {
                        added.add(new Contribution(left.getEventId(), left.getDate(), c.getKey(), delta,
                                Notes.note(left, c.getKey(), conflict, model)));
                    }
                }
            }
        }
        int memory = model.explanations().driverMemoryDays();
        int max = model.explanations().maxDriversPerComponent();
        List<Contribution> assessment = new ArrayList<>();
        Map<String, List<Contribution>> byFront = new TreeMap<>();
        for (Contribution c : added) {
            if (c.component().startsWith("momentum:") && c.component().chars().filter(ch -> ch == ':').count() == 2) {
                String[] parts = c.component().split(":");
                byFront.computeIfAbsent(Battlefield.key(parts[1], parts[2]), k -> new ArrayList<>()).add(c);
            } else {
                assessment.add(c);
                if (c.component().startsWith("momentum:")) {
                    byFront.computeIfAbsent(Battlefield.key(Battlefield.ALL, c.component().substring(9)),
                            k -> new ArrayList<>()).add(c);
                }
            }
        }
        next.drivers = Contributions.merge(next.drivers, assessment, date, memory, max);
        for (String key : new ArrayList<>(next.frontDrivers.keySet())) {
            next.frontDrivers.put(key, Contributions.merge(next.frontDrivers.get(key), List.of(), date, memory, max));
        }
        byFront.forEach((key, list) -> next.frontDrivers.put(key,
                Contributions.merge(next.frontDrivers.getOrDefault(key, List.of()), list, date, memory, max)));
        next.frontDrivers.values().removeIf(List::isEmpty);
        return new DayResult(next, publish(next, derive(next, starts)));
    }

    private Map<Integer, Battlefield> windowStarts(LocalDate date, SnapshotLookup lookup) {
        Map<Integer, Battlefield> starts = new HashMap<>();
        for (int w : model.lookupWindows()) {
            starts.put(w, lookup.atOrBefore(date.minusDays(w)));
        }
        return starts;
    }

    /** The state after the day's events: decay to {@code date}, then battlefield, then positions and signals. */
    ConflictSnapshot fold(ConflictSnapshot previous, LocalDate date, List<Event> events) {
        ConflictSnapshot s = previous == null ? new ConflictSnapshot() : previous.copy();
        s.conflict = conflict.id();
        if (previous != null) {
            long days = ChronoUnit.DAYS.between(LocalDate.parse(previous.date), date);
            s.wayOutLevel *= decay(days, model.wayOut().halfLifeDays());
            s.violationLevel *= decay(days, model.wayOut().trustHalfLifeDays());
            s.catastropheLevel *= decay(days, model.catastrophe().halfLifeDays());
            s.opportunityLevel *= decay(days, model.opportunity().halfLifeDays());
        }
        s.date = date.toString();
        // Battlefield first, so that a setback and a raise on the same date count as a ratchet.
        for (Event e : events) {
            for (String hurtActor : s.battlefield.apply(conflict, e, model)) {
                DemandModel.setback(s.demand.computeIfAbsent(hurtActor, k -> new ActorDemand()), date);
            }
        }
        for (Event e : events) {
            applyPositions(s, e, date);
            applySignals(s, e);
            s.eventCount++;
            s.lastEventId = e.getEventId();
        }
        return s;
    }

    private void applyPositions(ConflictSnapshot s, Event e, LocalDate date) {
        if (e.getPositions().isEmpty()) {
            return;
        }
        Actor actor = conflict.actor(e.getActor()).orElseThrow();
        List<DemandModel.PairGap> before = gaps(s);
        ActorDemand state = s.demand.computeIfAbsent(actor.code(), k -> new ActorDemand());
        List<Contribution> moved = DemandModel.apply(conflict, actor, state, e, model);
        state.drivers = Contributions.merge(state.drivers, moved, date, model.explanations().driverMemoryDays(),
                model.explanations().maxDriversPerComponent());
        List<DemandModel.PairGap> after = gaps(s);
        for (int i = 0; i < after.size(); i++) {
            DemandModel.PairGap a = after.get(i);
            for (Map.Entry<String, Double> dim : a.dimensions().entrySet()) {
                Double was = before.get(i).dimensions().get(dim.getKey());
                Double now = dim.getValue();
                if (!java.util.Objects.equals(was, now)) {
                    String key = a.actorA() + "|" + a.actorB() + "|" + dim.getKey();
                    s.gapDrivers.put(key, new Contribution(e.getEventId(), e.getDate(), "gap:" + dim.getKey(),
                            nz(now) - nz(was), (now == null ? "gap unknown now" : was == null ? "gap known from now on"
                                    : "gap moved") + ": " + e.getActor() + "'s position on " + dim.getKey()
                                    + " against the other side's stated demand/acceptable rung"));
                }
            }
        }
    }

    private void applySignals(ConflictSnapshot s, Event e) {
        double confidence = e.getConfidence();
        String type = e.getType();
        Double impulse = model.wayOut().impulses().get(type);
        if (impulse != null) {
            s.wayOutLevel += impulse * confidence;
        }
        boolean mediator = conflict.actor(e.getActor()).map(a -> a.role() == ConflictConfig.Role.MEDIATOR).orElse(false);
        if (mediator && (impulse != null || type.equals(EventTypes.MEDIATOR_STANCE))) {
            s.wayOutLevel += model.wayOut().mediatorImpulse() * confidence;
        }
        if (type.equals(EventTypes.AGREEMENT_VIOLATION)) {
            s.violationLevel += model.wayOut().violationImpulse() * confidence;
        }
        s.catastropheLevel += model.catastrophe().impulses().getOrDefault(type, 0.0) * confidence;
        s.opportunityLevel += model.opportunity().impulses().getOrDefault(type, 0.0) * confidence;
        if (type.equals(EventTypes.MEDIATOR_STANCE) && e.getIntensity() != null) {
            s.mediators.computeIfAbsent(e.getActor(), k -> new MediatorTrack())
                    .apply(e.getIntensity(), model.mediator().reversalThreshold(), e.getDate(), e.getEventId());
        }
    }

    private List<DemandModel.PairGap> gaps(ConflictSnapshot s) {
        List<DemandModel.PairGap> out = new ArrayList<>();
        for (Actor[] pair : DemandModel.opposingPairs(conflict)) {
            out.add(DemandModel.pairGap(conflict, pair[0], demandOf(s, pair[0].code()), pair[1], demandOf(s, pair[1].code())));
        }
        return out;
    }

    private static ActorDemand demandOf(ConflictSnapshot s, String actor) {
        ActorDemand d = s.demand.get(actor);
        return d == null ? new ActorDemand() : d;
    }

    /** Everything the day's records need, plus a flat map of the explained components. */
    private record Derived(ConflictSnapshot s, Map<String, Double> components, Map<String, ActorView> actors,
                           List<DemandModel.PairGap> gaps, Double demandGap, String zopa, double mhs, double wayOut,
                           double catastrophe, double opportunity, double ripeness, String band, String pathway,
                           Map<String, FrontView> fronts) {}

    private record ActorView(double momentum, double hurt, double perceivedStalemate, Double timeToGoal,
                             boolean strategic, Double demandIndex) {}

    private record FrontView(String front, String actor, List<FrontTally> windows, Integer siegeDays,
                             double momentum, Double timeToGoal, boolean tactical, boolean strategic) {}

    private Derived derive(ConflictSnapshot s, Map<Integer, Battlefield> starts) {
        LocalDate date = LocalDate.parse(s.date);
        ModelConfig.Fronts fp = model.fronts();
        int mw = fp.momentumWindowDays();
        List<Actor> belligerents = conflict.belligerents();
        List<String> frontIds = new ArrayList<>();
        conflict.fronts().forEach(f -> frontIds.add(f.id()));
        frontIds.add(Battlefield.ALL);

        // Momentum per front and belligerent over the momentum window.
        Map<String, Double> momentum = new TreeMap<>();
        for (String f : frontIds) {
            for (Actor a : belligerents) {
                momentum.put(Battlefield.key(f, a.code()), StalemateModel.momentum(window(s, starts, mw, f, a.code()),
                        opponentsWindow(s, starts, mw, f, a.code()), mw, fp));
            }
        }
        Map<String, ActorView> actors = new LinkedHashMap<>();
        Map<String, Double> components = new TreeMap<>();
        for (Actor a : belligerents) {
            double m = momentum.get(Battlefield.key(Battlefield.ALL, a.code()));
            Double held = s.battlefield.held(a.code());
            boolean measurable = StalemateModel.goalMeasurable(a.territorialAimKm2(), held);
            Double ttg = StalemateModel.timeToGoalYears(a.territorialAimKm2(), held,
                    window(s, starts, mw, Battlefield.ALL, a.code()), opponentsWindow(s, starts, mw, Battlefield.ALL, a.code()), mw);
            boolean strategic = StalemateModel.strategicStalemate(measurable, ttg, m, fp);
            HurtTally hw = hurtWindow(s, starts, a.code());
            double hurt = StalemateModel.hurt(hw, model.hurt().terms());
            double ps = StalemateModel.perceivedStalemate(m, strategic, model.perception());
            Double index = DemandModel.index(conflict, a, demandOf(s, a.code()));
            actors.put(a.code(), new ActorView(m, hurt, ps, ttg, strategic, index));
            components.put("hurt:" + a.code(), hurt);
            components.put("perceivedStalemate:" + a.code(), ps);
            components.put("momentum:" + a.code(), m);
        }
        Map<String, FrontView> fronts = new LinkedHashMap<>();
        for (String f : frontIds) {
            double[] all = belligerents.stream().mapToDouble(a -> momentum.get(Battlefield.key(f, a.code()))).toArray();
            boolean tactical = StalemateModel.tacticalStalemate(all, fp);
            for (Actor a : belligerents) {
                List<FrontTally> windows = new ArrayList<>();
                for (int w : fp.windowsDays()) {
                    windows.add(window(s, starts, w, f, a.code()));
                }
                double m = momentum.get(Battlefield.key(f, a.code()));
                if (!f.equals(Battlefield.ALL)) {
                    components.put("momentum:" + f + ":" + a.code(), m);
                }
                ActorView view = actors.get(a.code());
                fronts.put(Battlefield.key(f, a.code()), new FrontView(f, a.code(), windows,
                        s.battlefield.siegeDays(f, a.code(), date), m, view.timeToGoal(), tactical, view.strategic()));
            }
        }
        // Demand gap and zone of possible agreement.
        List<DemandModel.PairGap> gaps = gaps(s);
        Double demandGap = null;
        boolean anyNo = false;
        boolean allYes = !gaps.isEmpty();
        for (DemandModel.PairGap g : gaps) {
            Double v = g.gap() != null ? g.gap() : g.maxKnown();
            if (v != null) {
                demandGap = demandGap == null ? v : Math.max(demandGap, v);
            }
            anyNo |= g.zopa().equals(DemandModel.NO);
            allYes &= g.zopa().equals(DemandModel.YES);
        }
        String zopa = anyNo ? DemandModel.NO : allYes ? DemandModel.YES : DemandModel.UNKNOWN;
        // MHS: the weakest link, both must perceive and both must hurt.
        double mhs = belligerents.isEmpty() ? 0 : 1;
        for (ActorView v : actors.values()) {
            mhs = Math.min(mhs, Math.min(v.perceivedStalemate(), v.hurt()));
        }
        ModelConfig.WayOut wp = model.wayOut();
        double channel = saturate(s.wayOutLevel, wp.saturation());
        double trust = Math.exp(-wp.trustSensitivity() * s.violationLevel);
        boolean anyUnknown = gaps.stream().anyMatch(g -> g.gap() == null);
        double gapFactor = clamp(1 - wp.gapDiscount() * nz(demandGap) - (anyUnknown ? wp.unknownGapDiscount() : 0));
        double wayOut = channel * trust * gapFactor;
        double catastrophe = saturate(s.catastropheLevel, model.catastrophe().saturation());
        double opportunity = saturate(s.opportunityLevel, model.opportunity().saturation());
        ModelConfig.Combination rp = model.ripeness();
        double pressure = 1 - (1 - mhs) * (1 - rp.catastropheWeight() * catastrophe) * (1 - rp.opportunityWeight() * opportunity);
        double ripeness = Math.pow(pressure, rp.pressureWeight()) * Math.pow(wayOut, 1 - rp.pressureWeight());
        String band = ripeness >= rp.ripeThreshold() ? RIPE : ripeness >= rp.emergingThreshold() ? EMERGING : UNRIPE;
        String pathway = pathway(s, actors, starts);
        components.put("ripeness", ripeness);
        components.put("mhs", mhs);
        components.put("wayOut", wayOut);
        components.put("catastrophe", catastrophe);
        components.put("opportunity", opportunity);
        if (demandGap != null) {
            components.put("demandGap", demandGap);
        }
        return new Derived(s, components, actors, gaps, demandGap, zopa, mhs, wayOut, catastrophe, opportunity,
                ripeness, band, pathway, fronts);
    }

    /**
     * PLAN_A_WINDOW: an advancing (UP) belligerent perceives a stalemate and hurts.
     * PLAN_B_PRESSURE: a defending (DOWN) belligerent hurts, the mediator leans to PLAN_B or
     * its backers suspended aid, while an advancing belligerent still gains: fragile.
     */
    private String pathway(ConflictSnapshot s, Map<String, ActorView> actors, Map<Integer, Battlefield> starts) {
        ModelConfig.Combination rp = model.ripeness();
        boolean attackerGains = false;
        for (Actor a : conflict.belligerents()) {
            ActorView v = actors.get(a.code());
            if (direction(a) == Direction.UP && v.perceivedStalemate() >= rp.stalledThreshold() && v.hurt() >= rp.hurtThreshold()) {
                return PLAN_A_WINDOW;
            }
            attackerGains |= direction(a) == Direction.UP && v.momentum() >= rp.advancingMomentum();
        }
        MediatorTrack mediator = currentMediator(s);
        boolean mediatorPush = mediator != null && mediator.stance != null && mediator.stance >= rp.planBStanceThreshold();
        for (Actor a : conflict.belligerents()) {
            ActorView v = actors.get(a.code());
            boolean backersPull = hurtWindow(s, starts, a.code()).aidSuspended > 0;
            if (direction(a) == Direction.DOWN && attackerGains && v.hurt() >= rp.hurtThreshold() && (mediatorPush || backersPull)) {
                return PLAN_B_PRESSURE;
            }
        }
        return NONE;
    }

    private static Direction direction(Actor a) {
        return a.demandDirection() == null ? Direction.UP : a.demandDirection();
    }

    private static MediatorTrack currentMediator(ConflictSnapshot s) {
        MediatorTrack best = null;
        for (MediatorTrack m : s.mediators.values()) {
            if (best == null || m.lastDate.compareTo(best.lastDate) > 0) {
                best = m;
            }
        }
        return best;
    }

    private static String currentMediatorCode(ConflictSnapshot s) {
        String code = null;
        MediatorTrack best = null;
        for (Map.Entry<String, MediatorTrack> m : s.mediators.entrySet()) {
            if (best == null || m.getValue().lastDate.compareTo(best.lastDate) > 0) {
                best = m.getValue();
                code = m.getKey();
            }
        }
        return code;
    }

    private FrontTally window(ConflictSnapshot s, Map<Integer, Battlefield> starts, int w, String front, String actor) {
        FrontTally now = s.battlefield.tally(front, actor);
        Battlefield start = starts.get(w);
        FrontTally then = start == null ? null : start.tally(front, actor);
        return now == null ? new FrontTally() : now.minus(then);
    }

    private FrontTally opponentsWindow(ConflictSnapshot s, Map<Integer, Battlefield> starts, int w, String front,
                                       String actor) {
        FrontTally sum = new FrontTally();
        for (String other : Battlefield.opponents(conflict, actor)) {
            sum.add(window(s, starts, w, front, other), 1);
        }
        return sum;
    }

    private HurtTally hurtWindow(ConflictSnapshot s, Map<Integer, Battlefield> starts, String actor) {
        HurtTally now = s.battlefield.hurt.get(actor);
        Battlefield start = starts.get(model.hurt().windowDays());
        HurtTally then = start == null ? null : start.hurt.get(actor);
        return now == null ? new HurtTally() : now.minus(then);
    }

    private DayOutputs publish(ConflictSnapshot s, Derived d) {
        String version = model.version();
        Map<String, ActorAssessment> actorAssessments = new TreeMap<>();
        d.actors.forEach((code, v) -> actorAssessments.put(code, ActorAssessment.newBuilder()
                .setPerceivedStalemate(v.perceivedStalemate()).setHurt(v.hurt()).setDemandIndex(v.demandIndex())
                .setMomentum(v.momentum()).setPositions(positions(demandOf(s, code))).build()));
        String mediatorCode = currentMediatorCode(s);
        MediatorTrack mediator = mediatorCode == null ? null : s.mediators.get(mediatorCode);
        RipenessAssessment assessment = RipenessAssessment.newBuilder()
                .setConflict(conflict.id()).setAsOf(s.date).setModelVersion(version)
                .setRipeness(d.ripeness).setBand(d.band).setPathway(d.pathway)
                .setComponents(Components.newBuilder().setMhs(d.mhs).setWayOut(d.wayOut).setDemandGap(d.demandGap)
                        .setZopa(d.zopa).setCatastrophe(d.catastrophe).setOpportunity(d.opportunity).build())
                .setActors(new LinkedHashMap<>(actorAssessments))
                .setMediator(MediatorState.newBuilder().setActor(mediatorCode)
                        .setStance(mediator == null ? null : mediator.stance)
                        .setReversals(mediator == null ? 0 : mediator.reversals).build())
                .setDrivers(drivers(s.drivers))
                .setEventCount(s.eventCount).setLastEventId(s.lastEventId)
                .build();
        List<ActorDemandState> actors = new ArrayList<>();
        for (Actor a : conflict.actors()) {
            ActorDemand ad = demandOf(s, a.code());
            actors.add(ActorDemandState.newBuilder().setConflict(conflict.id()).setActor(a.code()).setAsOf(s.date)
                    .setModelVersion(version).setPositions(positions(ad))
                    .setDemandIndex(DemandModel.index(conflict, a, ad)).setEscalations(ad.escalations)
                    .setDeescalations(ad.deescalations).setRatchets(ad.ratchets).setDrivers(drivers(ad.drivers)).build());
        }
        List<DemandGap> gaps = new ArrayList<>();
        for (DemandModel.PairGap g : d.gaps) {
            List<DimensionGap> dims = new ArrayList<>();
            List<Contribution> why = new ArrayList<>();
            g.dimensions().forEach((dim, v) -> {
                dims.add(DimensionGap.newBuilder().setDimension(dim).setGap(v).build());
                Contribution c = s.gapDrivers.get(g.actorA() + "|" + g.actorB() + "|" + dim);
                if (c != null) {
                    why.add(c);
                }
            });
            gaps.add(DemandGap.newBuilder().setConflict(conflict.id()).setActorA(g.actorA()).setActorB(g.actorB())
                    .setAsOf(s.date).setModelVersion(version).setDimensions(dims).setGap(g.gap()).setZopa(g.zopa())
                    .setDrivers(drivers(why)).build());
        }
        List<FrontIndicators> fronts = new ArrayList<>();
        for (FrontView f : d.fronts.values()) {
            List<WindowIndicators> windows = new ArrayList<>();
            for (int i = 0; i < f.windows().size(); i++) {
                FrontTally t = f.windows().get(i);
                windows.add(new WindowIndicators(model.fronts().windowsDays().get(i), t.areaFigures == 0 ? null : t.areaKm2,
                        t.offensives, t.captures, t.stalled, t.failed, t.withdrawals));
            }
            fronts.add(FrontIndicators.newBuilder().setConflict(conflict.id()).setFront(f.front()).setActor(f.actor())
                    .setAsOf(s.date).setModelVersion(version).setWindows(windows).setSiegeDays(f.siegeDays())
                    .setMomentum(f.momentum()).setTimeToGoalYears(f.timeToGoal()).setTacticalStalemate(f.tactical())
                    .setStrategicStalemate(f.strategic())
                    .setDrivers(drivers(s.frontDrivers.getOrDefault(Battlefield.key(f.front(), f.actor()), List.of())))
                    .build());
        }
        return new DayOutputs(assessment, actors, gaps, fronts);
    }

    private List<DimensionPosition> positions(ActorDemand ad) {
        List<DimensionPosition> out = new ArrayList<>();
        for (Map.Entry<String, Position> e : ad.positions.entrySet()) {
            Position p = e.getValue();
            out.add(DimensionPosition.newBuilder().setDimension(e.getKey()).setDemand(p.demand)
                    .setDemandRank(p.demandRank).setAccept(p.accept).setAcceptRank(p.acceptRank)
                    .setChangedOn(p.changedOn).setChangedBy(p.changedBy).build());
        }
        return out;
    }

    private static List<Driver> drivers(List<Contribution> contributions) {
        List<Contribution> sorted = new ArrayList<>(contributions);
        sorted.sort(Contributions.ORDER);
        List<Driver> out = new ArrayList<>();
        for (Contribution c : sorted) {
            out.add(Driver.newBuilder().setEventId(c.eventId()).setComponent(c.component()).setDelta(c.delta())
                    .setNote(c.note()).build());
        }
        return out;
    }

    static double decay(long days, double halfLifeDays) {
        return Math.pow(0.5, Math.max(0, days) / halfLifeDays);
    }

    private static double saturate(double level, double saturation) {
        return 1 - Math.exp(-Math.max(0, level) / saturation);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double nz(Double d) {
        return d == null || Math.abs(d) < EPSILON ? 0 : d;
    }
}
