package dev.ripeness.streams.ripeness;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.conflict.ConflictConfig.Actor;
import dev.ripeness.conflict.ConflictConfig.Direction;
import dev.ripeness.event.EventType;
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
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.stalemate.Battlefield;
import dev.ripeness.streams.stalemate.Evidence;
import dev.ripeness.streams.stalemate.FrontTally;
import dev.ripeness.streams.stalemate.StalemateModel;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ripeness model of one conflict (docs/model.md) as a fold over event dates:
 * {@code snapshot(d) = fold(decay(snapshot(previous event date), d), events of d)}. The state
 * is decaying evidence, so any later day's assessment follows from the last snapshot by decay
 * alone ({@link #at}). Plain Java: the topology feeds it and stores its results.
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
    /** The model with its scales perturbed: the corners of the ripeness interval. */
    private final List<ModelConfig> corners;
    // What derive reads on every call, worked out once per conflict (derive runs per event and per interval corner).
    private final List<Actor> belligerents;
    private final List<List<Actor>> sides;
    private final List<Actor[]> opposingPairs;
    private final Map<String, String[]> hurtKeys = new HashMap<>();
    private final Map<String, String> scoreKeys = new HashMap<>();
    private final Map<String, String> weightKeys = new HashMap<>();
    private final Map<String, String> areaKeys = new HashMap<>();
    /** Component names per actor: hurt, perceived stalemate, momentum. */
    private final Map<String, String[]> componentKeys = new HashMap<>();
    private final String[] hurtTerms;
    /** Per belligerent, in {@link #belligerents} order: level keys and component indices. */
    private final String[] scoreKey;
    private final String[] weightKey;
    private final String[] areaKey;
    private final String[][] hurtKey;
    private final int[][] componentIndex;
    /** Each side's members as indices into {@link #belligerents}. */
    private final int[][] sideMembers;
    /** Every explained component's name, sorted (the order a TreeMap of them iterates in). */
    private final String[] componentNames;
    private final int ripenessIndex;
    private final int mhsIndex;
    private final int wayOutIndex;
    private final int catastropheIndex;
    private final int opportunityIndex;
    private final int demandGapIndex;
    /** The published fronts: the configured ones, then {@link Battlefield#ALL}. */
    private final List<String> publishedFronts = new ArrayList<>();
    /** Each published front's keys, per belligerent. */
    private final Map<String, FrontKeys[]> frontKeys = new HashMap<>();
    /** The hurt terms of the model and of each corner, in {@link #hurtTerms} order (derive reads them per actor). */
    private final Map<ModelConfig, ModelConfig.Term[]> termsOf = new java.util.IdentityHashMap<>();
    /** The notes of the explanation entries that are not events: fixed by the model. */
    private final String earlierNote;
    private final String decayNote;
    /** Notes' texts already written, by what they depend on besides the confidence (bounded: cleared when it grows past {@link #MAX_NOTES}). */
    private final Map<Notes.Template, String[]> notes = new java.util.concurrent.ConcurrentHashMap<>();
    /** Codes of the conflict's mediators (a note names the mediator impulse for them). */
    private final java.util.Set<String> mediators = new java.util.HashSet<>();
    private static final int MAX_NOTES = 10_000;

    public RipenessModel(ConflictConfig conflict, ModelConfig model) {
        this.conflict = conflict;
        this.model = model;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Actor a : conflict.actors()) { // the first actor of a code decides, as ConflictConfig#actor does
            if (seen.add(a.code()) && a.role() == ConflictConfig.Role.MEDIATOR) {
                mediators.add(a.code());
            }
        }
        this.corners = corners(model);
        this.belligerents = conflict.belligerents();
        this.sides = conflict.sides().stream().map(conflict::side).toList();
        this.opposingPairs = DemandModel.opposingPairs(conflict).stream()
                .filter(pair -> !pair[0].sideOrCode().equals(pair[1].sideOrCode())).toList();
        this.hurtTerms = model.hurt().terms().keySet().toArray(new String[0]);
        for (Actor a : belligerents) {
            String[] keys = new String[hurtTerms.length];
            for (int i = 0; i < hurtTerms.length; i++) {
                keys[i] = Evidence.hurt(hurtTerms[i], a.code());
            }
            hurtKeys.put(a.code(), keys);
            scoreKeys.put(a.code(), Evidence.score(Battlefield.ALL, a.code()));
            weightKeys.put(a.code(), Evidence.weight(Battlefield.ALL, a.code()));
            areaKeys.put(a.code(), Evidence.area(Battlefield.ALL, a.code()));
            componentKeys.put(a.code(), new String[] {"hurt:" + a.code(), "perceivedStalemate:" + a.code(),
                    "momentum:" + a.code()});
        }
        int n = belligerents.size();
        scoreKey = new String[n];
        weightKey = new String[n];
        areaKey = new String[n];
        hurtKey = new String[n][];
        Map<String, Integer> index = new HashMap<>();
        java.util.TreeSet<String> names = new java.util.TreeSet<>(List.of("ripeness", "mhs", "wayOut", "catastrophe",
                "opportunity", "demandGap"));
        for (int i = 0; i < n; i++) {
            String code = belligerents.get(i).code();
            scoreKey[i] = scoreKeys.get(code);
            weightKey[i] = weightKeys.get(code);
            areaKey[i] = areaKeys.get(code);
            hurtKey[i] = hurtKeys.get(code);
            index.put(code, i);
            names.addAll(List.of(componentKeys.get(code)));
        }
        sideMembers = new int[sides.size()][];
        for (int i = 0; i < sides.size(); i++) {
            sideMembers[i] = sides.get(i).stream().mapToInt(a -> index.get(a.code())).toArray();
        }
        componentNames = names.toArray(new String[0]);
        List<String> nameList = List.of(componentNames);
        componentIndex = new int[n][];
        for (int i = 0; i < n; i++) {
            String[] keys = componentKeys.get(belligerents.get(i).code());
            componentIndex[i] = new int[] {nameList.indexOf(keys[0]), nameList.indexOf(keys[1]), nameList.indexOf(keys[2])};
        }
        ripenessIndex = nameList.indexOf("ripeness");
        mhsIndex = nameList.indexOf("mhs");
        wayOutIndex = nameList.indexOf("wayOut");
        catastropheIndex = nameList.indexOf("catastrophe");
        opportunityIndex = nameList.indexOf("opportunity");
        demandGapIndex = nameList.indexOf("demandGap");
        conflict.fronts().forEach(f -> publishedFronts.add(f.id()));
        publishedFronts.add(Battlefield.ALL);
        for (String f : publishedFronts) {
            frontKeys.put(f, frontKeys(f));
        }
        List<ModelConfig> scales = new ArrayList<>(corners);
        scales.add(model);
        for (ModelConfig m : scales) {
            ModelConfig.Term[] terms = new ModelConfig.Term[hurtTerms.length];
            for (int i = 0; i < hurtTerms.length; i++) {
                terms[i] = m.hurt().terms().get(hurtTerms[i]);
            }
            termsOf.put(m, terms);
        }
        this.earlierNote = "effects of events no longer listed (older than explanations.driverMemoryDays="
                + model.explanations().driverMemoryDays() + " or beyond explanations.maxDriversPerComponent="
                + model.explanations().maxDriversPerComponent() + ")";
        this.decayNote = "change with time alone: half-lives " + halfLives();
    }

    public ConflictConfig conflict() {
        return conflict;
    }

    public ModelConfig model() {
        return model;
    }

    private static final Comparator<Event> BY_ID = Comparator.comparing(Event::getEventId);

    /**
     * One event date: decays the previous snapshot to {@code date}, applies the day's
     * effective events (any order in; a fixed order inside: setbacks first, so that a raise on
     * the same day counts as a ratchet, then by event id), explains every component (each
     * event's delta is the value after it minus the value before it), and derives what is
     * published.
     *
     * @param previous snapshot of the previous event date, null for the first
     * @param lookup earlier tallies for the published front windows (only dates before {@code date} are asked)
     */
    public DayResult day(ConflictSnapshot previous, LocalDate date, List<Event> events, SnapshotLookup lookup) {
        // Setbacks first, each part by event id: the type test once per event, not once per comparison.
        List<Event> sorted = new ArrayList<>(events.size());
        List<Event> others = new ArrayList<>();
        for (Event e : events) {
            (isSetback(e) ? sorted : others).add(e);
        }
        sorted.sort(BY_ID);
        others.sort(BY_ID);
        sorted.addAll(others);
        Moved moved = advance(previous, date);
        ConflictSnapshot s = moved.snapshot();
        String[] volumeKeys = new String[sorted.size()];
        Map<String, Integer> volume = new HashMap<>();
        for (int i = 0; i < volumeKeys.length; i++) {
            volumeKeys[i] = volumeKey(sorted.get(i));
            volume.merge(volumeKeys[i], 1, Integer::sum);
        }
        // Gaps depend on positions alone: worked out again only after an event that states some.
        List<DemandModel.PairGap> gaps = moved.gaps();
        // Per event only the components are worked out (each event's delta); what is published is derived once, below.
        double[] before = moved.components();
        double[] after = new double[before.length];
        Read read = new Read(belligerents.size(), hurtTerms.length);
        Core core = new Core(belligerents.size());
        for (int i = 0; i < volumeKeys.length; i++) {
            Event e = sorted.get(i);
            Contribution.Cause cause = Notes.cause(e);
            FrontKeys[] frontKeys = e.getFront() == null ? null : frontKeysOf(e.getFront());
            double[] fronts = frontKeys == null ? null : frontMomenta(s, frontKeys);
            List<DemandModel.PairGap> stated = apply(s, e, date, Evidence.volumeShare(volume.get(volumeKeys[i])));
            if (stated != null) {
                gaps = stated;
            }
            components(core(read(s, read), model, gaps, core), after);
            for (int c = 0; c < after.length; c++) {
                double delta = after[c] - before[c];
                if (Math.abs(delta) > EPSILON) {
                    String component = componentNames[c];
                    s.ledgers.computeIfAbsent(component, k -> new Ledger()).drivers.add(new Contribution(
                            e.getEventId(), e.getDate(), component, delta, null, cause));
                }
            }
            if (frontKeys != null) {
                for (int f = 0; f < frontKeys.length; f++) {
                    FrontKeys k = frontKeys[f];
                    double delta = momentum(s, k) - fronts[f];
                    if (Math.abs(delta) > 1e-9) {
                        String actor = k.tally().substring(k.tally().indexOf('|') + 1);
                        s.frontDrivers.computeIfAbsent(k.tally(), x -> new ArrayList<>()).add(new Contribution(
                                e.getEventId(), e.getDate(), "momentum:" + e.getFront() + ":" + actor, delta, null,
                                cause));
                    }
                }
            }
            double[] swap = before;
            before = after;
            after = swap;
        }
        Derived derived = derive(s, model, gaps);
        int memory = model.explanations().driverMemoryDays();
        int max = model.explanations().maxDriversPerComponent();
        s.ledgers.values().forEach(l -> l.prune(date, memory, max));
        for (String key : new ArrayList<>(s.frontDrivers.keySet())) {
            s.frontDrivers.put(key, Contributions.merge(s.frontDrivers.get(key), List.of(), date, memory, max));
        }
        s.frontDrivers.values().removeIf(List::isEmpty);
        // Pruning the explanations moves no component: the derive after the last event is the day's.
        return new DayResult(s, publish(s, derived, lookup));
    }

    /**
     * The assessment as of {@code date} (on or after the snapshot's date) when no event
     * happened since the snapshot: the evidence decayed to that day, the decay entered in
     * every explanation. This is what "as of" a day without events answers.
     */
    public RipenessAssessment at(ConflictSnapshot snapshot, LocalDate date) {
        if (LocalDate.parse(snapshot.date).equals(date)) {
            return assessment(snapshot, derive(snapshot, model), snapshot.date);
        }
        Moved moved = advance(snapshot, date);
        return assessment(moved.snapshot(), derive(moved.snapshot(), model, moved.gaps()), snapshot.date);
    }

    /** A snapshot moved to a date, its demand gaps and its components there (in {@link #componentNames} order). */
    private record Moved(ConflictSnapshot snapshot, List<DemandModel.PairGap> gaps, double[] components) {}

    /** The snapshot moved to {@code date}: levels decayed, and the change entered as decay in each explanation. */
    private Moved advance(ConflictSnapshot previous, LocalDate date) {
        if (previous == null) {
            ConflictSnapshot s = new ConflictSnapshot();
            s.conflict = conflict.id();
            s.date = date.toString();
            List<DemandModel.PairGap> gaps = gaps(s);
            double[] d = components(s, gaps, new double[componentNames.length]);
            for (int c = 0; c < d.length; c++) {
                s.ledgers.computeIfAbsent(componentNames[c], x -> new Ledger()).baseline = d[c];
            }
            return new Moved(s, gaps, d);
        }
        ConflictSnapshot s = previous.copy();
        s.conflict = conflict.id();
        long days = ChronoUnit.DAYS.between(LocalDate.parse(previous.date), date);
        // Decay moves levels, not positions: the gaps hold before and after it.
        List<DemandModel.PairGap> gaps = gaps(s);
        double[] before = components(s, gaps, new double[componentNames.length]);
        if (days > 0) {
            // A handful of half-lives: each factor worked out once per date, not once per level.
            Map<Double, Double> factors = new HashMap<>();
            for (Map.Entry<String, Double> level : s.levels.entrySet()) {
                double factor = factors.computeIfAbsent(Evidence.halfLifeDays(level.getKey(), model), h -> decay(days, h));
                level.setValue(level.getValue() * factor);
            }
        }
        s.date = date.toString();
        double[] d = components(s, gaps, new double[componentNames.length]);
        for (int c = 0; c < d.length; c++) {
            double change = d[c] - before[c];
            if (change != 0) {
                s.ledgers.computeIfAbsent(componentNames[c], k -> new Ledger()).decay += change;
            }
        }
        return new Moved(s, gaps, d);
    }

    /** A driver's note: its text, or rendered from its cause (snapshots keep the cause, not the text). */
    private String note(Contribution c) {
        if (c.cause() == null) {
            return c.note();
        }
        if (notes.size() > MAX_NOTES) {
            notes.clear();
        }
        Contribution.Cause cause = c.cause();
        String[] segments = notes.computeIfAbsent(Notes.template(cause, c.component(), mediators.contains(cause.actor())),
                t -> Notes.segments(t, model));
        return Notes.note(segments, cause.confidence());
    }

    private boolean isSetback(Event e) {
        return model.demand().setbackTypes().contains(e.getType()) || model.demand().opponentGainTypes().contains(e.getType());
    }

    private static String volumeKey(Event e) {
        return e.getActor() + '|' + e.getType() + '|' + e.getFront() + '|' + e.getTarget();
    }

    /**
     * Applies one event to the snapshot: battlefield tallies, evidence, positions, mediator stance.
     *
     * @return the demand gaps after the event when it states positions, else null (gaps unchanged)
     */
    private List<DemandModel.PairGap> apply(ConflictSnapshot s, Event e, LocalDate date, double volume) {
        Battlefield.Applied applied = s.battlefield.apply(conflict, e, model);
        for (String hurtActor : applied.setbacks()) {
            DemandModel.setback(s.demand.computeIfAbsent(hurtActor, k -> new ActorDemand()), date);
        }
        // One look-up per increment: the level (0 when missing) plus the amount, stored back.
        Evidence.apply(conflict, model, e, volume, applied.areaChangeKm2(), (level, amount) -> s.levels.compute(level,
                (k, old) -> {
                    double v = (old == null ? 0.0 : old) + amount;
                    // Counts and impulse levels never go below nothing (talks suspended closes a channel, no further).
                    if (v < 0 && !level.startsWith("sc|") && !level.startsWith("km|")) {
                        v = 0;
                    }
                    return v;
                }));
        List<DemandModel.PairGap> gaps = applyPositions(s, e, date);
        if (EventType.MEDIATOR_STANCE.is(e.getType()) && e.getIntensity() != null) {
            s.mediators.computeIfAbsent(e.getActor(), k -> new MediatorTrack())
                    .apply(e.getIntensity(), model.mediator().reversalThreshold(), e.getDate(), e.getEventId());
        }
        s.eventCount++;
        s.lastEventId = e.getEventId();
        return gaps;
    }

    /** The event's positions applied; returns the gaps after them, or null when it states none. */
    private List<DemandModel.PairGap> applyPositions(ConflictSnapshot s, Event e, LocalDate date) {
        if (e.getPositions().isEmpty()) {
            return null;
        }
        Set<String> owners = new LinkedHashSet<>();
        e.getPositions().forEach(p -> owners.add(DemandModel.owner(p, e)));
        List<DemandModel.PairGap> before = gaps(s);
        for (String owner : owners) {
            Actor actor = conflict.actor(owner).orElseThrow();
            ActorDemand state = s.demand.computeIfAbsent(actor.code(), k -> new ActorDemand());
            List<Contribution> moved = DemandModel.apply(conflict, actor, state, e, model);
            state.drivers = Contributions.merge(state.drivers, moved, date, model.explanations().driverMemoryDays(),
                    model.explanations().maxDriversPerComponent());
        }
        List<DemandModel.PairGap> after = gaps(s);
        Map<String, DemandModel.PairGap> was = new HashMap<>();
        before.forEach(g -> was.put(g.actorA() + "|" + g.actorB(), g));
        for (DemandModel.PairGap a : after) {
            DemandModel.PairGap b = was.get(a.actorA() + "|" + a.actorB());
            for (Map.Entry<String, Double> dim : a.dimensions().entrySet()) {
                Double then = b == null ? null : b.dimensions().get(dim.getKey());
                Double now = dim.getValue();
                if (!Objects.equals(then, now)) {
                    String key = a.actorA() + "|" + a.actorB() + "|" + dim.getKey();
                    s.gapDrivers.put(key, new Contribution(e.getEventId(), e.getDate(), "gap:" + dim.getKey(),
                            nz(now) - nz(then), (now == null ? "gap unknown now" : then == null ? "gap known from now on"
                                    : "gap moved") + ": positions of " + String.join(", ", owners) + " on " + dim.getKey()
                                    + " against the other side's stated demand/acceptable rung"));
                }
            }
        }
        return after;
    }

    /**
     * Demand gaps between opposing belligerents. With coalitions, only the pairs in which both
     * sides stated positions count (an ally that never negotiates says nothing of the gap);
     * when no pair has, every opposing pair counts (all unknown).
     */
    private List<DemandModel.PairGap> gaps(ConflictSnapshot s) {
        List<DemandModel.PairGap> all = new ArrayList<>();
        List<DemandModel.PairGap> stated = new ArrayList<>();
        for (Actor[] pair : opposingPairs) {
            DemandModel.PairGap g = DemandModel.pairGap(conflict, pair[0], demandOf(s, pair[0].code()), pair[1],
                    demandOf(s, pair[1].code()));
            all.add(g);
            if (!demandOf(s, pair[0].code()).positions.isEmpty() && !demandOf(s, pair[1].code()).positions.isEmpty()) {
                stated.add(g);
            }
        }
        return stated.isEmpty() ? all : stated;
    }

    private static ActorDemand demandOf(ConflictSnapshot s, String actor) {
        ActorDemand d = s.demand.get(actor);
        return d == null ? new ActorDemand() : d;
    }

    /** Everything the day's records need, plus a flat map of the explained components. */
    private record Derived(Map<String, Double> components, Map<String, ActorView> actors,
                           List<DemandModel.PairGap> gaps, Double demandGap, String zopa, double mhs, double wayOut,
                           double catastrophe, double opportunity, double ripeness, String band, String pathway) {}

    private record ActorView(double momentum, double hurt, double perceivedStalemate, Double timeToGoal,
                             Double strategic, Double demandIndex) {}

    private Derived derive(ConflictSnapshot s, ModelConfig m) {
        return derive(s, m, gaps(s));
    }

    private Derived derive(ConflictSnapshot s, ModelConfig m, List<DemandModel.PairGap> gaps) {
        Core c = core(read(s, new Read(belligerents.size(), hurtTerms.length)), m, gaps, new Core(belligerents.size()));
        Map<String, ActorView> actors = new LinkedHashMap<>();
        for (int i = 0; i < belligerents.size(); i++) {
            Actor a = belligerents.get(i);
            actors.put(a.code(), new ActorView(c.momentum[i], c.hurt[i], c.perceivedStalemate[i], c.timeToGoal[i],
                    c.strategic[i], DemandModel.index(conflict, a, demandOf(s, a.code()))));
        }
        double[] values = components(c, new double[componentNames.length]);
        Map<String, Double> components = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            components.put(componentNames[i], values[i]);
        }
        ModelConfig.Combination rp = m.ripeness();
        String band = c.ripeness >= rp.ripeThreshold() ? RIPE : c.ripeness >= rp.emergingThreshold() ? EMERGING : UNRIPE;
        return new Derived(components, actors, gaps, c.demandGap, c.zopa, c.mhs, c.wayOut, c.catastrophe,
                c.opportunity, c.ripeness, band, pathway(s, actors, m));
    }

    /**
     * The explained components under the model, into {@code out} in {@link #componentNames} order:
     * what each event's delta is taken of, without the actor views, demand indices and pathway
     * that only the published derive needs.
     */
    private double[] components(ConflictSnapshot s, List<DemandModel.PairGap> gaps, double[] out) {
        int n = belligerents.size();
        return components(core(read(s, new Read(n, hurtTerms.length)), model, gaps, new Core(n)), out);
    }

    private double[] components(Core c, double[] out) {
        for (int i = 0; i < componentIndex.length; i++) {
            int[] at = componentIndex[i];
            out[at[0]] = c.hurt[i];
            out[at[1]] = c.perceivedStalemate[i];
            out[at[2]] = c.momentum[i];
        }
        out[ripenessIndex] = c.ripeness;
        out[mhsIndex] = c.mhs;
        out[wayOutIndex] = c.wayOut;
        out[catastropheIndex] = c.catastrophe;
        out[opportunityIndex] = c.opportunity;
        out[demandGapIndex] = nz(c.demandGap);
        return out;
    }

    /** What a derive works out: per belligerent (in {@link #belligerents} order), then for the conflict. */
    private static final class Core {
        final double[] momentum;
        final double[] hurt;
        final double[] perceivedStalemate;
        final Double[] timeToGoal;
        final Double[] strategic;
        Double demandGap;
        String zopa;
        double mhs;
        double wayOut;
        double catastrophe;
        double opportunity;
        double ripeness;

        Core(int belligerents) {
            momentum = new double[belligerents];
            hurt = new double[belligerents];
            perceivedStalemate = new double[belligerents];
            timeToGoal = new Double[belligerents];
            strategic = new Double[belligerents];
        }
    }

    /** The levels (and areas held) a derive reads, looked up once for the model and every interval corner. */
    private static final class Read {
        final double[] scores;
        final double[] weights;
        /** Area gained and area held: only for a belligerent with a territorial aim (null otherwise). */
        final double[] areas;
        final Double[] held;
        final double[][] hurt;
        double wayOut;
        double violations;
        double catastrophe;
        double opportunity;

        Read(int belligerents) {
            scores = new double[belligerents];
            weights = new double[belligerents];
            areas = new double[belligerents];
            held = new Double[belligerents];
            hurt = new double[belligerents][];
        }

        Read(int belligerents, int terms) {
            this(belligerents);
            for (int i = 0; i < belligerents; i++) {
                hurt[i] = new double[terms];
            }
        }
    }

    /** The snapshot's levels into {@code r} (every field a derive reads is set again). */
    private Read read(ConflictSnapshot s, Read r) {
        int n = belligerents.size();
        for (int i = 0; i < n; i++) {
            Actor a = belligerents.get(i);
            r.scores[i] = s.level(scoreKey[i]);
            r.weights[i] = s.level(weightKey[i]);
            // The area held matters only with a territorial aim (it is not worked out otherwise).
            if (a.territorialAimKm2() != null) {
                r.held[i] = s.battlefield.held(a.code());
                r.areas[i] = s.level(areaKey[i]);
            }
            String[] keys = hurtKey[i];
            double[] hurt = r.hurt[i];
            for (int t = 0; t < keys.length; t++) {
                hurt[t] = s.level(keys[t]);
            }
        }
        r.wayOut = s.level(Evidence.WAY_OUT);
        r.violations = s.level(Evidence.VIOLATIONS);
        r.catastrophe = s.level(Evidence.CATASTROPHE);
        r.opportunity = s.level(Evidence.OPPORTUNITY);
        return r;
    }

    /**
     * The assessment's values from the snapshot's levels, under model {@code m} (the model or
     * an interval corner), into {@code c} (every field set again); {@code gaps} depend on the
     * positions only, so corners share them.
     */
    private Core core(Read s, ModelConfig m, List<DemandModel.PairGap> gaps, Core c) {
        ModelConfig.Fronts fp = m.fronts();
        int n = belligerents.size();
        double[] scores = s.scores;
        double[] weights = s.weights;
        for (int i = 0; i < n; i++) {
            Actor a = belligerents.get(i);
            double momentum = StalemateModel.momentum(scores[i], weights[i], fp);
            Double held = s.held[i];
            boolean measurable = a.territorialAimKm2() != null && held != null;
            Double ttg = measurable ? StalemateModel.timeToGoalYears(a.territorialAimKm2(), held, s.areas[i], fp)
                    : null;
            Double strategic = StalemateModel.strategicStalemate(measurable, ttg, fp);
            double hurt = hurt(s.hurt[i], m);
            c.momentum[i] = momentum;
            c.hurt[i] = hurt;
            c.perceivedStalemate[i] = StalemateModel.perceivedStalemate(momentum, strategic, m.perception());
            c.timeToGoal[i] = ttg;
            c.strategic[i] = strategic;
        }
        // MHS: the weakest link over the sides; a side perceives from its pooled evidence and hurts if any member does.
        double mhs = 1;
        for (int[] members : sideMembers) {
            double score = 0;
            double weight = 0;
            double spared = 1;
            List<Double> strategic = null;
            for (int i : members) {
                score += scores[i];
                weight += weights[i];
                spared *= 1 - c.hurt[i];
                if (c.strategic[i] != null) {
                    if (strategic == null) {
                        strategic = new ArrayList<>();
                    }
                    strategic.add(c.strategic[i]);
                }
            }
            Double sideStrategic = strategic == null ? null : strategic.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double sidePerceives = members.length == 1 ? c.perceivedStalemate[members[0]]
                    : StalemateModel.perceivedStalemate(StalemateModel.momentum(score, weight, fp), sideStrategic, m.perception());
            double sideHurts = 1 - spared;
            mhs = Math.min(mhs, Math.min(sidePerceives, sideHurts));
        }
        // Demand gap and zone of possible agreement.
        Double demandGap = null;
        boolean anyNo = false;
        boolean allYes = !gaps.isEmpty();
        boolean anyUnknown = false;
        for (DemandModel.PairGap g : gaps) {
            Double v = g.gap() != null ? g.gap() : g.maxKnown();
            if (v != null) {
                demandGap = demandGap == null ? v : Math.max(demandGap, v);
            }
            anyNo |= g.zopa().equals(DemandModel.NO);
            allYes &= g.zopa().equals(DemandModel.YES);
            anyUnknown |= g.gap() == null;
        }
        String zopa = anyNo ? DemandModel.NO : allYes ? DemandModel.YES : DemandModel.UNKNOWN;
        ModelConfig.WayOut wp = m.wayOut();
        double channel = saturate(s.wayOut, wp.saturation());
        double trust = Math.exp(-wp.trustSensitivity() * s.violations);
        double gapFactor = clamp(1 - wp.gapDiscount() * nz(demandGap) - (anyUnknown ? wp.unknownGapDiscount() : 0));
        double wayOut = channel * trust * gapFactor;
        double catastrophe = saturate(s.catastrophe, m.catastrophe().saturation());
        double opportunity = saturate(s.opportunity, m.opportunity().saturation());
        ModelConfig.Combination rp = m.ripeness();
        double pressure = 1 - (1 - mhs) * (1 - rp.catastropheWeight() * catastrophe) * (1 - rp.opportunityWeight() * opportunity);
        c.ripeness = Math.pow(pressure, rp.pressureWeight()) * Math.pow(wayOut, 1 - rp.pressureWeight());
        c.demandGap = demandGap;
        c.zopa = zopa;
        c.mhs = mhs;
        c.wayOut = wayOut;
        c.catastrophe = catastrophe;
        c.opportunity = opportunity;
        return c;
    }

    /** {@link StalemateModel#hurt} of an actor's levels, in {@link #hurtTerms} order. */
    private double hurt(double[] levels, ModelConfig m) {
        ModelConfig.Term[] terms = termsOf.get(m);
        double spared = 1;
        for (int i = 0; i < hurtTerms.length; i++) {
            // A level of nothing makes a term of 0 and leaves spared as it is (x * (1 - 0) is x): no exp to work out.
            if (levels[i] <= 0) {
                continue;
            }
            spared *= 1 - StalemateModel.term(levels[i], terms[i]);
        }
        return 1 - spared;
    }

    /** A front's keys: the configured ones, or worked out for a front the configuration does not name. */
    private FrontKeys[] frontKeysOf(String front) {
        FrontKeys[] keys = frontKeys.get(front);
        return keys == null ? frontKeys(front) : keys;
    }

    /** Momentum of one belligerent on one front. */
    private double momentum(ConflictSnapshot s, FrontKeys k) {
        return StalemateModel.momentum(s.level(k.score()), s.level(k.weight()), model.fronts());
    }

    /** Momentum of every belligerent on one front, in the order of {@code keys}. */
    private double[] frontMomenta(ConflictSnapshot s, FrontKeys[] keys) {
        double[] out = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = momentum(s, keys[i]);
        }
        return out;
    }

    /** Momentum of every belligerent on one front, keyed {@code front|actor}. */
    private Map<String, Double> frontMomenta(ConflictSnapshot s, String front) {
        FrontKeys[] keys = frontKeys.get(front);
        Map<String, Double> out = new TreeMap<>();
        for (FrontKeys k : keys == null ? frontKeys(front) : keys) {
            out.put(k.tally(), StalemateModel.momentum(s.level(k.score()), s.level(k.weight()), model.fronts()));
        }
        return out;
    }

    /** A front's keys for one belligerent: tallies and front drivers, score and weight levels. */
    private record FrontKeys(String tally, String score, String weight) {}

    private FrontKeys[] frontKeys(String front) {
        FrontKeys[] out = new FrontKeys[belligerents.size()];
        for (int i = 0; i < out.length; i++) {
            String a = belligerents.get(i).code();
            out[i] = new FrontKeys(Battlefield.key(front, a), Evidence.score(front, a), Evidence.weight(front, a));
        }
        return out;
    }

    /**
     * PLAN_A_WINDOW: an advancing (UP) belligerent perceives a stalemate and hurts.
     * PLAN_B_PRESSURE: a defending (DOWN) belligerent hurts, the mediator leans to PLAN_B or
     * its backers suspended aid, while an advancing belligerent still gains: fragile.
     */
    private String pathway(ConflictSnapshot s, Map<String, ActorView> actors, ModelConfig m) {
        ModelConfig.Combination rp = m.ripeness();
        boolean attackerGains = false;
        for (Actor a : belligerents) {
            ActorView v = actors.get(a.code());
            if (direction(a) == Direction.UP && v.perceivedStalemate() >= rp.stalledThreshold() && v.hurt() >= rp.hurtThreshold()) {
                return PLAN_A_WINDOW;
            }
            attackerGains |= direction(a) == Direction.UP && v.momentum() >= rp.advancingMomentum();
        }
        MediatorTrack mediator = currentMediator(s);
        boolean mediatorPush = mediator != null && mediator.stance != null && mediator.stance >= rp.planBStanceThreshold();
        for (Actor a : belligerents) {
            ActorView v = actors.get(a.code());
            boolean backersPull = s.level(Evidence.hurt("aidSuspended", a.code())) > 0.05;
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
        String code = currentMediatorCode(s);
        return code == null ? null : s.mediators.get(code);
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

    private DayOutputs publish(ConflictSnapshot s, Derived d, SnapshotLookup lookup) {
        String version = model.version();
        RipenessAssessment assessment = assessment(s, d, s.date);
        List<ActorDemandState> actors = new ArrayList<>();
        for (Actor a : conflict.actors()) {
            ActorDemand ad = demandOf(s, a.code());
            actors.add(ActorDemandState.newBuilder().setConflict(conflict.id()).setActor(a.code()).setAsOf(s.date)
                    .setModelVersion(version).setPositions(positions(ad))
                    .setDemandIndex(DemandModel.index(conflict, a, ad)).setEscalations(ad.escalations)
                    .setDeescalations(ad.deescalations).setRatchets(ad.ratchets).setDrivers(drivers(ad.drivers)).build());
        }
        List<DemandGap> gaps = new ArrayList<>();
        for (DemandModel.PairGap g : d.gaps()) {
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
        return new DayOutputs(assessment, actors, gaps, fronts(s, d, lookup));
    }

    /** Front indicators: window counts from the tallies, momentum and stalemate flags from the evidence. */
    private List<FrontIndicators> fronts(ConflictSnapshot s, Derived d, SnapshotLookup lookup) {
        LocalDate date = LocalDate.parse(s.date);
        ModelConfig.Fronts fp = model.fronts();
        Map<Integer, Battlefield> starts = new HashMap<>();
        for (int w : model.lookupWindows()) {
            starts.put(w, lookup.atOrBefore(date.minusDays(w)));
        }
        List<FrontIndicators> out = new ArrayList<>();
        for (String f : publishedFronts) {
            FrontKeys[] keys = frontKeys.get(f);
            Map<String, Double> momenta = frontMomenta(s, f);
            boolean tactical = StalemateModel.tacticalStalemate(momenta.values().stream().mapToDouble(Double::doubleValue).toArray(), fp);
            for (int i = 0; i < belligerents.size(); i++) {
                Actor a = belligerents.get(i);
                String key = keys[i].tally();
                FrontTally now = s.battlefield.tallies.get(key);
                List<WindowIndicators> windows = new ArrayList<>();
                for (int w : fp.windowsDays()) {
                    Battlefield start = starts.get(w);
                    FrontTally t = now == null ? new FrontTally() : now.minus(start == null ? null : start.tallies.get(key));
                    windows.add(new WindowIndicators(w, t.areaFigures == 0 ? null : t.areaKm2, t.offensives, t.captures,
                            t.stalled, t.failed, t.withdrawals));
                }
                ActorView view = d.actors().get(a.code());
                out.add(FrontIndicators.newBuilder().setConflict(conflict.id()).setFront(f).setActor(a.code())
                        .setAsOf(s.date).setModelVersion(model.version()).setWindows(windows)
                        .setSiegeDays(s.battlefield.siegeDays(f, a.code(), date))
                        .setMomentum(momenta.get(key)).setTimeToGoalYears(view.timeToGoal())
                        .setTacticalStalemate(tactical)
                        .setStrategicStalemate(view.strategic() != null ? view.strategic() >= 1
                                : momenta.get(key) < fp.tacticalStalemateMomentum())
                        .setDrivers(drivers(s.frontDrivers.getOrDefault(key, List.of())))
                        .build());
            }
        }
        return out;
    }

    private RipenessAssessment assessment(ConflictSnapshot s, Derived d, String lastEventDate) {
        Map<String, ActorAssessment> actorAssessments = new TreeMap<>();
        d.actors().forEach((code, v) -> actorAssessments.put(code, ActorAssessment.newBuilder()
                .setPerceivedStalemate(v.perceivedStalemate()).setHurt(v.hurt()).setDemandIndex(v.demandIndex())
                .setMomentum(v.momentum()).setPositions(positions(demandOf(s, code))).build()));
        String mediatorCode = currentMediatorCode(s);
        MediatorTrack mediator = mediatorCode == null ? null : s.mediators.get(mediatorCode);
        double low = d.ripeness();
        double high = d.ripeness();
        List<DemandModel.PairGap> gaps = d.gaps();
        Read levels = corners.isEmpty() ? null : read(s, new Read(belligerents.size(), hurtTerms.length));
        Core core = new Core(belligerents.size());
        for (ModelConfig corner : corners) {
            double r = core(levels, corner, gaps, core).ripeness;
            low = Math.min(low, r);
            high = Math.max(high, r);
        }
        return RipenessAssessment.newBuilder()
                .setConflict(conflict.id()).setAsOf(s.date).setModelVersion(model.version())
                .setRipeness(d.ripeness()).setBand(d.band()).setPathway(d.pathway())
                .setComponents(Components.newBuilder().setMhs(d.mhs()).setWayOut(d.wayOut()).setDemandGap(d.demandGap())
                        .setZopa(d.zopa()).setCatastrophe(d.catastrophe()).setOpportunity(d.opportunity()).build())
                .setActors(new LinkedHashMap<>(actorAssessments))
                .setMediator(MediatorState.newBuilder().setActor(mediatorCode)
                        .setStance(mediator == null ? null : mediator.stance)
                        .setReversals(mediator == null ? 0 : mediator.reversals).build())
                .setDrivers(explanation(s, d))
                .setEventCount(s.eventCount).setLastEventId(s.lastEventId)
                .setRipenessLow(low).setRipenessHigh(high).setLastEventDate(lastEventDate)
                .build();
    }

    /**
     * Every component's explanation: its listed events, then the entries that are not events
     * ({@link Ledger#BASELINE}, {@link Ledger#EARLIER}, {@link Ledger#DECAY}); per component the
     * deltas add up to the published value.
     */
    private List<Driver> explanation(ConflictSnapshot s, Derived d) {
        List<Driver> out = new ArrayList<>();
        for (Map.Entry<String, Ledger> e : s.ledgers.entrySet()) {
            String component = e.getKey();
            if (!d.components().containsKey(component)) {
                continue;
            }
            Ledger l = e.getValue();
            List<Contribution> sorted = new ArrayList<>(l.drivers);
            sorted.sort(Contributions.ORDER);
            for (Contribution c : sorted) {
                out.add(Driver.newBuilder().setEventId(c.eventId()).setComponent(component).setDelta(c.delta())
                        .setNote(note(c)).build());
            }
            synthetic(out, component, Ledger.BASELINE, l.baseline, "value before any event");
            synthetic(out, component, Ledger.EARLIER, l.earlier, earlierNote);
            synthetic(out, component, Ledger.DECAY, l.decay, decayNote);
        }
        return out;
    }

    private static void synthetic(List<Driver> out, String component, String id, double delta, String note) {
        if (Math.abs(delta) > EPSILON) {
            out.add(Driver.newBuilder().setEventId(id).setComponent(component).setDelta(delta).setNote(note).build());
        }
    }

    private String halfLives() {
        return "fronts.halfLifeDays=" + model.fronts().halfLifeDays() + ", hurt.halfLifeDays=" + model.hurt().halfLifeDays()
                + ", wayOut.halfLifeDays=" + model.wayOut().halfLifeDays() + ", wayOut.trustHalfLifeDays="
                + model.wayOut().trustHalfLifeDays() + ", catastrophe.halfLifeDays=" + model.catastrophe().halfLifeDays()
                + ", opportunity.halfLifeDays=" + model.opportunity().halfLifeDays();
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

    private List<Driver> drivers(List<Contribution> contributions) {
        List<Contribution> sorted = new ArrayList<>(contributions);
        sorted.sort(Contributions.ORDER);
        List<Driver> out = new ArrayList<>();
        for (Contribution c : sorted) {
            out.add(Driver.newBuilder().setEventId(c.eventId()).setComponent(c.component()).setDelta(c.delta())
                    .setNote(note(c)).build());
        }
        return out;
    }

    /**
     * The six scales at {@code 1 - p} or {@code 1 + p} (uncertainty.perturbation) in the eight runs
     * of a 2^(6-3) fractional factorial design (the last three signs are products of the first
     * three): every scale is low in half the runs and high in the other half, and no two scales
     * always move together, at an eighth of the cost of all 64 combinations.
     */
    private static List<ModelConfig> corners(ModelConfig m) {
        double p = m.uncertainty().perturbation();
        List<ModelConfig> out = new ArrayList<>();
        if (p == 0) {
            return out;
        }
        for (int run = 0; run < 8; run++) {
            int a = (run & 1) == 0 ? -1 : 1;
            int b = (run & 2) == 0 ? -1 : 1;
            int c = (run & 4) == 0 ? -1 : 1;
            out.add(m.scaled(1 + a * p, 1 + b * p, 1 + c * p, 1 + a * b * p, 1 + a * c * p, 1 + b * c * p));
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
