package dev.ripeness.api.http;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A multi-date state series of the made-up {@code north-south} conflict, shaped like the
 * pipeline's output: each step is one event that moves some components, as a driver says.
 * The numbers (and the events' places) are arbitrary test values, not a model or a map of anything; the API
 * only has to carry them.
 */
public final class TestSeries {

    public static final String CONFLICT = "north-south";

    private TestSeries() {}

    /** The test conflict's configuration. */
    public static ConflictConfig config() {
        try (InputStream in = TestSeries.class.getClassLoader().getResourceAsStream("conflicts-test/north-south.json")) {
            return ConflictCatalog.parse(in, "conflicts-test/north-south.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConflictCatalog catalog() {
        return ConflictCatalog.of(List.of(config()));
    }

    /** One event of the series: its date, id, and the driver deltas it causes. */
    record Step(String date, String eventId, Map<String, Double> deltas, Integer northTerritory, Integer southAccept) {}

    static final List<Step> STEPS = List.of(
            new Step("2024-01-10", "ns-001-offensive-east", Map.of("mhs", -0.05, "catastrophe", 0.10), 1, null),
            new Step("2024-02-02", "ns-002-demand-annex", Map.of("demandGap", 0.20), 2, null),
            new Step("2024-03-15", "ns-003-offensive-stalled", Map.of("mhs", 0.15), null, null),
            new Step("2024-04-20", "ns-004-talks-round-1", Map.of("wayOut", 0.20, "opportunity", 0.05), null, 0),
            new Step("2024-05-30", "ns-005-withdrawal-south", Map.of("mhs", 0.10, "catastrophe", 0.05), null, null),
            new Step("2024-06-14", "ns-006-ratchet-provinces", Map.of("demandGap", 0.15, "wayOut", -0.10), 3, null),
            new Step("2024-08-01", "ns-007-siege-started", Map.of("mhs", 0.05), null, null),
            new Step("2024-09-12", "ns-008-aid-pledged", Map.of("opportunity", 0.10, "mhs", 0.05), null, null),
            new Step("2024-10-25", "ns-009-offer-neutrality", Map.of("wayOut", 0.15, "demandGap", -0.10), null, 1),
            new Step("2024-12-03", "ns-010-ceasefire-talks", Map.of("wayOut", 0.10, "opportunity", 0.05), null, null),
            new Step("2025-01-20", "ns-011-violation", Map.of("wayOut", -0.15, "catastrophe", 0.05), null, null),
            new Step("2025-03-04", "ns-012-offensive-failed", Map.of("mhs", 0.20), 2, null));

    /** The assessments, oldest first, each the state after one step. */
    public static List<RipenessAssessment> assessments() {
        List<RipenessAssessment> out = new ArrayList<>();
        Map<String, Double> c = new TreeMap<>(Map.of("mhs", 0.1, "wayOut", 0.1, "demandGap", 0.4, "catastrophe", 0.0, "opportunity", 0.0));
        int northTerritory = 0;
        int southAccept = -1;
        double ripeness = 0.1;
        for (int i = 0; i < STEPS.size(); i++) {
            Step s = STEPS.get(i);
            s.deltas().forEach((k, v) -> c.merge(k, v, (a, b) -> clamp(a + b)));
            if (s.northTerritory() != null) {
                northTerritory = s.northTerritory();
            }
            if (s.southAccept() != null) {
                southAccept = s.southAccept();
            }
            RipenessAssessment a = assessment(s, i + 1, c, northTerritory, southAccept, ripeness);
            ripeness = a.getRipeness();
            out.add(a);
        }
        return out;
    }

    /**
     * The event behind each step, as the log would hold it. The first one's description and
     * source carry markup and a script URL, which a page must show as text, never run.
     */
    public static List<Event> events() {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < STEPS.size(); i++) {
            Step s = STEPS.get(i);
            String type = s.eventId().replaceFirst("^ns-\\d+-", "");
            String actor = s.eventId().contains("south") || s.eventId().contains("offer") ? "SOUTH" : "NORTH";
            out.add(Event.newBuilder()
                    .setEventId(s.eventId()).setDate(s.date()).setConflict(CONFLICT).setActor(actor)
                    .setTarget(actor.equals("NORTH") ? "SOUTH" : "NORTH")
                    .setType(TYPES.getOrDefault(type, "STATEMENT"))
                    .setFront(i % 3 == 2 ? null : i % 2 == 0 ? "east" : "south")
                    .setCasualties(i == 0 ? Long.valueOf(120) : i % 4 == 1 ? Long.valueOf(10L * i) : null)
                    .setLocation(i % 3 == 2 ? null : new dev.ripeness.schema.Location(47.0 + 0.5 * i, 30.0 + (i % 2 == 0 ? i : -i),
                            "Test place " + (i + 1), i % 5 == 4 ? "REGION" : "EXACT"))
                    .setPositions(List.of())
                    .setSources(i == 0 ? List.of("https://news.example.org/north?a=1&b=2", "<b>field report</b>", "javascript:alert(1)")
                            : List.of("https://news.example.org/" + s.eventId()))
                    .setConfidence(i == 0 ? 0.6 : 0.9)
                    .setDescription(i == 0 ? "Northland opens an offensive <img src=x id=injected> in the east"
                            : "Test event " + s.eventId().substring(7).replace('-', ' '))
                    .setRecordedAt(1_700_000_000_000L + i)
                    .setOrigin("/srv/secret/file.csv line " + (i + 2))
                    .build());
        }
        return out;
    }

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("offensive-east", "OFFENSIVE_LAUNCHED"), Map.entry("demand-annex", "DEMAND_STATED"),
            Map.entry("offensive-stalled", "OFFENSIVE_STALLED"), Map.entry("talks-round-1", "NEGOTIATION_ROUND"),
            Map.entry("withdrawal-south", "WITHDRAWAL"), Map.entry("ratchet-provinces", "DEMAND_STATED"),
            Map.entry("siege-started", "SIEGE_STARTED"), Map.entry("aid-pledged", "AID_PLEDGED"),
            Map.entry("offer-neutrality", "POSITION_OFFERED"), Map.entry("ceasefire-talks", "NEGOTIATION_ROUND"),
            Map.entry("violation", "AGREEMENT_VIOLATION"), Map.entry("offensive-failed", "OFFENSIVE_FAILED"));

    /** The assessment after one more event dated {@code date}, for live-push tests. */
    public static RipenessAssessment next(RipenessAssessment previous, String date, String eventId, double ripeness) {
        RipenessAssessment next = RipenessAssessment.newBuilder(previous)
                .setAsOf(date)
                .setRipeness(ripeness)
                .setBand(band(ripeness))
                .setEventCount(previous.getEventCount() + 1)
                .setLastEventId(eventId)
                .setDrivers(List.of(new Driver(eventId, "mhs", ripeness - previous.getRipeness(), "test step")))
                .build();
        return next;
    }

    private static RipenessAssessment assessment(Step s, int count, Map<String, Double> c, int northTerritory, int southAccept,
                                                 double previousRipeness) {
        double mhs = c.get("mhs");
        double wayOut = c.get("wayOut");
        double gap = c.get("demandGap");
        double ripeness = clamp(0.55 * Math.min(mhs, 1) + 0.3 * wayOut + 0.1 * c.get("opportunity") + 0.05 * c.get("catastrophe") - 0.2 * gap + 0.1);
        List<Driver> drivers = new ArrayList<>(s.deltas().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Driver(s.eventId(), e.getKey(), e.getValue(), "test weight for " + e.getKey()))
                .toList());
        // How much the step's event moved ripeness itself, and the entries that are not events (docs/model.md §7).
        drivers.add(new Driver(s.eventId(), "ripeness", ripeness - previousRipeness, "test weight for ripeness"));
        drivers.add(new Driver("(baseline)", "ripeness", 0.1, "value before any event"));
        if (count > 1) {
            drivers.add(new Driver("(earlier events)", "ripeness", previousRipeness - 0.1 - 0.01, "effects of events no longer listed"));
            drivers.add(new Driver("(decay)", "ripeness", 0.01, "change with time alone: half-lives test 90 d"));
        }
        Map<String, ActorAssessment> actors = new TreeMap<>();
        actors.put("NORTH", new ActorAssessment(clamp(mhs - 0.1), clamp(0.2 + count * 0.04), northTerritory / 3.0,
                0.4 - count * 0.05, List.of(position("territory", "T" + northTerritory, northTerritory, null, null, s),
                position("alignment", "A2", 2, null, null, s))));
        actors.put("SOUTH", new ActorAssessment(clamp(mhs + 0.05), clamp(0.3 + count * 0.05), 0.0,
                -0.3 + count * 0.04, List.of(position("territory", "T0", 0, southAccept < 0 ? null : "T" + southAccept,
                southAccept < 0 ? null : southAccept, s), position("alignment", "A0", 0, "A1", 1, s))));
        return RipenessAssessment.newBuilder()
                .setConflict(CONFLICT)
                .setAsOf(s.date())
                .setModelVersion("test-1")
                .setRipeness(ripeness)
                .setRipenessLow(clamp(ripeness - 0.08))
                .setRipenessHigh(clamp(ripeness + 0.06))
                .setLastEventDate(s.date())
                .setBand(band(ripeness))
                .setPathway(ripeness > 0.45 ? "PLAN_A_WINDOW" : "NONE")
                .setComponents(new Components(mhs, wayOut, gap, gap == 0 ? "YES" : "NO", c.get("catastrophe"), c.get("opportunity")))
                .setActors(actors)
                .setMediator(new MediatorState("MED", 0.4 + (count % 3) * 0.1, count / 4))
                .setDrivers(drivers)
                .setEventCount(count)
                .setLastEventId(s.eventId())
                .build();
    }

    private static DimensionPosition position(String dim, String demand, int demandRank, String accept, Integer acceptRank, Step s) {
        return new DimensionPosition(dim, demand, demandRank, accept, acceptRank, s.date(), s.eventId());
    }

    /** The actors' demand states: one per actor and step. */
    public static List<ActorDemandState> actorStates() {
        List<ActorDemandState> out = new ArrayList<>();
        for (RipenessAssessment a : assessments()) {
            a.getActors().forEach((code, actor) -> out.add(ActorDemandState.newBuilder()
                    .setConflict(CONFLICT).setActor(code).setAsOf(a.getAsOf()).setModelVersion("test-1")
                    .setPositions(actor.getPositions()).setDemandIndex(actor.getDemandIndex())
                    .setEscalations(code.equals("NORTH") ? (int) Math.min(3, a.getEventCount() / 3) : 0)
                    .setDrivers(a.getDrivers()).build()));
        }
        return out;
    }

    /** Front indicators per front, actor and step. */
    public static List<FrontIndicators> frontStates() {
        List<FrontIndicators> out = new ArrayList<>();
        for (RipenessAssessment a : assessments()) {
            for (String front : List.of("east", "south")) {
                for (String actor : List.of("NORTH", "SOUTH")) {
                    double momentum = a.getActors().get(actor).getMomentum() * (front.equals("east") ? 1 : 0.5);
                    out.add(FrontIndicators.newBuilder()
                            .setConflict(CONFLICT).setFront(front).setActor(actor).setAsOf(a.getAsOf()).setModelVersion("test-1")
                            .setWindows(List.of(new WindowIndicators(30, momentum * 120, 1, 0, 0, 0, 0),
                                    new WindowIndicators(90, momentum * 300, 2, 1, 1, 0, 0),
                                    new WindowIndicators(180, null, 3, 1, 1, 1, 1)))
                            .setSiegeDays(front.equals("east") && a.getAsOf().compareTo("2024-08-01") >= 0 ? 120 : null)
                            .setMomentum(momentum)
                            .setTimeToGoalYears(actor.equals("NORTH") && momentum > 0 ? 4.0 / momentum : null)
                            .setTacticalStalemate(Math.abs(momentum) < 0.1)
                            .setStrategicStalemate(actor.equals("NORTH") && momentum < 0.3)
                            .setDrivers(a.getDrivers())
                            .build());
                }
            }
        }
        return out;
    }

    /** The NORTH–SOUTH demand gap per step. */
    public static List<DemandGap> gapStates() {
        List<DemandGap> out = new ArrayList<>();
        for (RipenessAssessment a : assessments()) {
            Double gap = a.getComponents().getDemandGap();
            out.add(DemandGap.newBuilder().setConflict(CONFLICT).setActorA("NORTH").setActorB("SOUTH").setAsOf(a.getAsOf())
                    .setModelVersion("test-1")
                    .setDimensions(List.of(new DimensionGap("territory", gap), new DimensionGap("alignment", 0.33)))
                    .setGap(gap).setZopa(a.getComponents().getZopa()).setDrivers(a.getDrivers()).build());
        }
        return out;
    }

    static String band(double ripeness) {
        return ripeness >= 0.6 ? "RIPE" : ripeness >= 0.35 ? "EMERGING" : "UNRIPE";
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** The first date of the series. */
    public static LocalDate first() {
        return LocalDate.parse(STEPS.get(0).date());
    }
}
