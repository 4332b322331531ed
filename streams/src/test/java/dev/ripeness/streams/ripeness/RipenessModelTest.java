package dev.ripeness.streams.ripeness;

import static dev.ripeness.streams.TestEvents.accept;
import static dev.ripeness.streams.TestEvents.demand;
import static dev.ripeness.streams.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.producers.event.EventFormatException;
import dev.ripeness.producers.event.EventJson;
import dev.ripeness.producers.generate.EventGenerator;
import dev.ripeness.schema.ActorAssessment;
import dev.ripeness.schema.Driver;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.Position;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.streams.model.ModelConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RipenessModelTest {

    private static FrontIndicators front(DayOutputs o, String front, String actor) {
        return o.fronts().stream().filter(f -> f.getFront().equals(front) && f.getActor().equals(actor)).findFirst().orElseThrow();
    }

    private static ActorAssessment actor(DayOutputs o, String code) {
        return o.assessment().getActors().get(code);
    }

    private static double momentum(ModelHarness h, String code) {
        return actor(h.last(), code).getMomentum();
    }

    @Test
    void shouldMoveMomentumByEvidenceWithoutFlippingOnOneEvent() {
        // Given one failed offensive of NOR, reported with full confidence
        ModelHarness one = new ModelHarness().run(event("f1", "2030-03-01", "NOR", "OFFENSIVE_FAILED").setFront("river").build());

        // Then it moves NOR's momentum by at most 1 / (1 + fronts.priorEvidence) and perception stays short of certainty
        double prior = ModelConfig.bundled().fronts().priorEvidence();
        assertThat(momentum(one, "NOR")).isNegative().isGreaterThanOrEqualTo(-1 / (1 + prior) - 1e-12);
        double perceived = actor(one.last(), "NOR").getPerceivedStalemate();
        assertThat(perceived).isBetween(0.5, 0.9);

        // When three more failures follow within weeks, the evidence accumulates: momentum and perception move further
        one.run(event("f2", "2030-03-10", "NOR", "OFFENSIVE_FAILED").setFront("river").build(),
                event("f3", "2030-03-20", "NOR", "OFFENSIVE_STALLED").setFront("hills").build(),
                event("w1", "2030-03-25", "NOR", "WITHDRAWAL").setFront("hills").build());
        assertThat(momentum(one, "NOR")).isLessThan(-0.5);
        assertThat(actor(one.last(), "NOR").getPerceivedStalemate()).isGreaterThan(perceived).isLessThan(1.0);
    }

    @Test
    void shouldWeighBattlefieldEvidenceByConfidence() {
        double sure = momentum(new ModelHarness().run(
                event("f1", "2030-03-01", "NOR", "OFFENSIVE_FAILED").setConfidence(1.0).build()), "NOR");
        double claimed = momentum(new ModelHarness().run(
                event("f1", "2030-03-01", "NOR", "OFFENSIVE_FAILED").setConfidence(0.3).build()), "NOR");

        assertThat(claimed).isNegative().isGreaterThan(sure);
    }

    @Test
    void shouldNotMirrorOneSidesSetbackIntoTheOthersGain() {
        ModelHarness h = new ModelHarness().run(
                event("f1", "2030-03-01", "NOR", "OFFENSIVE_FAILED").setFront("river").build(),
                event("f2", "2030-03-02", "NOR", "OFFENSIVE_STALLED").setFront("river").build());

        assertThat(momentum(h, "NOR")).isNegative();
        assertThat(momentum(h, "SOU")).isZero();
    }

    @Test
    void shouldGainMomentumFromQualitativeEventsAndCountTheLossAgainstWhoLostTheGround() {
        ModelHarness h = new ModelHarness().run(
                event("c1", "2030-03-01", "NOR", "SETTLEMENT_CAPTURED").setTarget("SOU").setFront("river").build(),
                event("c2", "2030-03-10", "NOR", "SETTLEMENT_CAPTURED").setTarget("SOU").setFront("river").build());

        FrontIndicators nor = front(h.last(), "river", "NOR");
        assertThat(nor.getMomentum()).isGreaterThan(0.4);
        assertThat(front(h.last(), "river", "SOU").getMomentum()).isLessThan(-0.4);
        assertThat(nor.getWindows()).allSatisfy(w -> assertThat(w.getNetAreaKm2()).isNull());
        assertThat(nor.getWindows().get(0).getCaptures()).isEqualTo(2);
        assertThat(nor.getTacticalStalemate()).isFalse();
        assertThat(actor(h.last(), "SOU").getHurt()).as("losing ground hurts").isPositive();
    }

    @Test
    void shouldNotLetAProvidersCodingVolumeSwampTheModel() {
        // Given 120 shelling rows on one day (as ACLED codes a busy day)
        List<Event> shelling = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            shelling.add(event("s" + i, "2030-03-15", "NOR", "STRIKE").setTarget("SOU").setFront("river").build());
        }
        ModelHarness h = new ModelHarness().run(shelling.toArray(new Event[0]));

        // Then strikes hurt, but do not move momentum (meant for ground), and 120 rows of one day count as
        // 1 + ln 120 = 5.8 strikes: less than six strikes on six days
        assertThat(momentum(h, "NOR")).isZero();
        double hurt120 = actor(h.last(), "SOU").getHurt();
        List<Event> sixDays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sixDays.add(event("s" + i, "2030-03-1" + i, "NOR", "STRIKE").setTarget("SOU").setFront("river").build());
        }
        ModelHarness spread = new ModelHarness().run(sixDays.toArray(new Event[0]));
        assertThat(hurt120).isPositive().isLessThan(spread.asOf("2030-03-15").getActors().get("SOU").getHurt());

        // And 100 captures on one day do not make a certainty of momentum
        List<Event> captures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            captures.add(event("c" + i, "2030-03-15", "NOR", "SETTLEMENT_CAPTURED").setFront("river").build());
        }
        assertThat(momentum(new ModelHarness().run(captures.toArray(new Event[0])), "NOR")).isLessThan(0.8);
    }

    @Test
    void shouldHurtTheInvadedSideAndTheAttackerByItsOwnAttrition() {
        ModelHarness h = new ModelHarness().run(
                event("o1", "2030-02-24", "NOR", "OFFENSIVE_LAUNCHED").setTarget("SOU").setFront("river").build(),
                event("e1", "2030-03-01", "NOR", "SIEGE_STARTED").setTarget("SOU").setFront("hills").build());

        assertThat(actor(h.last(), "SOU").getHurt()).as("being invaded and besieged").isPositive();
        assertThat(actor(h.last(), "NOR").getHurt()).as("the attacker's own attrition").isPositive();
    }

    @Test
    void shouldHurtByTheSizeAndTollOfAStrike() {
        double plain = actor(new ModelHarness().run(
                event("s1", "2030-03-01", "NOR", "STRIKE").setTarget("SOU").build()).last(), "SOU").getHurt();
        double deadly = actor(new ModelHarness().run(
                event("s1", "2030-03-01", "NOR", "STRIKE").setTarget("SOU").setCasualties(3000L).build()).last(), "SOU").getHurt();
        double small = actor(new ModelHarness().run(
                event("s1", "2030-03-01", "NOR", "STRIKE").setTarget("SOU").setIntensity(0.2).build()).last(), "SOU").getHurt();

        assertThat(deadly).isGreaterThan(plain);
        assertThat(small).isPositive().isLessThan(plain);
    }

    @Test
    void shouldTakeWeakestLinkForMhsWhenOnlyOneSideHurts() {
        ModelHarness h = new ModelHarness().run(
                event("k1", "2030-02-01", "SOU", "CASUALTIES_REPORTED").setCasualties(80000L).build(),
                event("f1", "2030-02-01", "SOU", "OFFENSIVE_FAILED").setFront("river").build());
        RipenessAssessment a = h.last().assessment();
        assertThat(actor(h.last(), "SOU").getHurt()).isGreaterThan(0.3);
        assertThat(a.getComponents().getMhs()).isEqualTo(Math.min(
                Math.min(actor(h.last(), "NOR").getPerceivedStalemate(), actor(h.last(), "NOR").getHurt()),
                Math.min(actor(h.last(), "SOU").getPerceivedStalemate(), actor(h.last(), "SOU").getHurt())));
        assertThat(a.getComponents().getMhs()).isZero();

        h.run(event("k2", "2030-02-05", "NOR", "CASUALTIES_REPORTED").setCasualties(80000L).build(),
                event("f2", "2030-02-05", "NOR", "OFFENSIVE_FAILED").setFront("hills").build());
        assertThat(h.last().assessment().getComponents().getMhs()).isGreaterThan(0.2);
    }

    @Test
    void shouldAnswerAsOfAnyDayWithDecayAppliedAndExplained() {
        ModelHarness h = new ModelHarness().run(event("n1", "2030-01-01", "NOR", "NEGOTIATION_ROUND").build());
        RipenessAssessment fresh = h.asOf("2030-01-01");

        RipenessAssessment later = h.asOf("2030-05-01");

        assertThat(later.getAsOf()).isEqualTo("2030-05-01");
        assertThat(later.getLastEventDate()).isEqualTo("2030-01-01");
        assertThat(later.getComponents().getWayOut()).isLessThan(fresh.getComponents().getWayOut()).isPositive();
        assertThat(later.getDrivers()).anySatisfy(d -> {
            assertThat(d.getEventId()).isEqualTo(Ledger.DECAY);
            assertThat(d.getComponent()).isEqualTo("wayOut");
            assertThat(d.getDelta()).isNegative();
        });
        // The same day asked twice gives the same bytes: as-of is a function of the log and the day
        assertThat(h.asOf("2030-05-01")).isEqualTo(later);
    }

    @Test
    void shouldExplainEveryComponentSoThatTheDeltasAddUpToTheValue() {
        // Given a busy history: more drivers than are listed, older than the memory, decay between dates
        List<Event> events = new ArrayList<>();
        String[] types = {"SETTLEMENT_CAPTURED", "OFFENSIVE_FAILED", "STRIKE", "NEGOTIATION_ROUND", "CASUALTIES_REPORTED",
                "AGREEMENT_VIOLATION", "SANCTIONS_IMPOSED", "ESCALATION_THREAT", "WITHDRAWAL", "PROPOSAL"};
        LocalDate d = LocalDate.parse("2030-01-01");
        for (int i = 0; i < 80; i++) {
            Event.Builder b = event("e" + i, d.plusDays(i * 11L).toString(), i % 3 == 0 ? "SOU" : "NOR", types[i % types.length])
                    .setConfidence(0.4 + (i % 6) / 10.0).setFront(i % 2 == 0 ? "river" : "hills");
            if (types[i % types.length].equals("CASUALTIES_REPORTED")) {
                b.setCasualties(1000L * (i + 1));
            }
            if (types[i % types.length].equals("PROPOSAL")) {
                b.setPositions(List.of(demand("border", i % 20 == 9 ? "bd-coast" : "bd-strip")));
            }
            events.add(b.build());
        }
        ModelHarness h = new ModelHarness().run(events.toArray(new Event[0]));

        for (String date : List.of("2030-06-01", "2031-07-15", "2032-05-30", "2033-01-01")) {
            RipenessAssessment a = h.asOf(date);
            Map<String, Double> sums = new TreeMap<>();
            for (Driver x : a.getDrivers()) {
                sums.merge(x.getComponent(), x.getDelta(), Double::sum);
            }
            assertThat(sums.get("ripeness")).as("ripeness %s", date).isCloseTo(a.getRipeness(), within(1e-9));
            assertThat(sums.get("mhs")).as("mhs %s", date).isCloseTo(a.getComponents().getMhs(), within(1e-9));
            assertThat(sums.get("wayOut")).as("wayOut %s", date).isCloseTo(a.getComponents().getWayOut(), within(1e-9));
            assertThat(sums.getOrDefault("catastrophe", 0.0)).isCloseTo(a.getComponents().getCatastrophe(), within(1e-9));
            for (String code : List.of("NOR", "SOU")) {
                ActorAssessment v = a.getActors().get(code);
                assertThat(sums.get("hurt:" + code)).as("hurt %s %s", code, date).isCloseTo(v.getHurt(), within(1e-9));
                assertThat(sums.get("perceivedStalemate:" + code)).isCloseTo(v.getPerceivedStalemate(), within(1e-9));
                assertThat(sums.getOrDefault("momentum:" + code, 0.0)).isCloseTo(v.getMomentum(), within(1e-9));
            }
        }
        assertThat(h.asOf("2033-01-01").getDrivers()).extracting(Driver::getEventId).contains(Ledger.EARLIER, Ledger.DECAY);
    }

    @Test
    void shouldTreatAlliesAsOneSide() {
        ConflictConfig coalition = ConflictCatalog.parse(new ByteArrayInputStream("""
                {"id": "coalition-war", "name": "Coalition war", "description": "test", "start": "2030-01-01",
                 "actors": [
                   {"code": "GOV", "name": "Government", "role": "BELLIGERENT", "demandDirection": "DOWN", "side": "G"},
                   {"code": "MIL", "name": "Pro-government militia", "role": "BELLIGERENT", "demandDirection": "DOWN", "side": "G"},
                   {"code": "REB", "name": "Rebels", "role": "BELLIGERENT", "demandDirection": "UP", "side": "R"}],
                 "dimensions": [{"id": "status", "label": "Status", "rungs": [{"id": "a", "label": "a"}, {"id": "b", "label": "b"}]}],
                 "fronts": []}""".getBytes(StandardCharsets.UTF_8)), "coalition-war.json");
        RipenessModel model = new RipenessModel(coalition, ModelConfig.bundled());

        // When the militia takes a town without naming whose, and strikes without a target
        ConflictRun run = ConflictRun.of(model, List.of(
                Event.newBuilder(event("c1", "2030-03-01", "MIL", "SETTLEMENT_CAPTURED").build()).setConflict("coalition-war").build(),
                Event.newBuilder(event("s1", "2030-03-02", "MIL", "STRIKE").build()).setConflict("coalition-war").build()));
        RipenessAssessment a = run.at(LocalDate.parse("2030-03-02")).orElseThrow();

        // Then the loss and the strike fall on the other side only, never on the ally
        assertThat(a.getActors().get("REB").getHurt()).isPositive();
        assertThat(a.getActors().get("REB").getMomentum()).isNegative();
        assertThat(a.getActors().get("GOV").getHurt()).isZero();
        assertThat(a.getActors().get("GOV").getMomentum()).isZero();
    }

    @Test
    void shouldCloseTheGapWhenBothSidesSignAnAgreementAtTheSameRungs() {
        ModelHarness h = new ModelHarness().run(
                event("d1", "2030-01-01", "NOR", "DEMAND_STATED").setPositions(List.of(demand("border", "bd-coast"),
                        demand("status", "st-vassal"))).build(),
                event("o1", "2030-01-02", "SOU", "POSITION_OFFERED").setPositions(List.of(accept("border", "bd-strip"),
                        accept("status", "st-neutral"))).build());
        assertThat(h.last().assessment().getComponents().getZopa()).isEqualTo("NO");

        h.run(event("a1", "2030-06-01", "NOR", "AGREEMENT").setTarget("SOU").setPositions(List.of(
                both("border", "bd-strip", "NOR"), both("border", "bd-strip", "SOU"),
                both("status", "st-neutral", "NOR"), both("status", "st-neutral", "SOU"))).build());

        RipenessAssessment a = h.last().assessment();
        assertThat(a.getComponents().getZopa()).isEqualTo("YES");
        assertThat(a.getComponents().getDemandGap()).isZero();
        assertThat(a.getActors().get("SOU").getPositions()).allSatisfy(p -> assertThat(p.getChangedBy()).isEqualTo("a1"));
    }

    private static Position both(String dimension, String rung, String actor) {
        return Position.newBuilder().setDimension(dimension).setDemand(null).setAccept(rung).setActor(actor).build();
    }

    @Test
    void shouldDecayWayOutWithHalfLifeAndDiscountItAfterViolation() {
        ModelHarness h = new ModelHarness().run(event("n1", "2030-01-01", "NOR", "NEGOTIATION_ROUND").build());
        double fresh = h.last().assessment().getComponents().getWayOut();
        h.run(event("x", "2030-05-01", "NOR", "STATEMENT").build());
        assertThat(h.last().assessment().getComponents().getWayOut()).isLessThan(fresh).isGreaterThan(0);

        ModelHarness violated = new ModelHarness().run(
                event("n1", "2030-01-01", "NOR", "NEGOTIATION_ROUND").build(),
                event("v1", "2030-01-01", "NOR", "AGREEMENT_VIOLATION").build());
        assertThat(violated.last().assessment().getComponents().getWayOut()).isLessThan(fresh);
        violated.run(event("n2", "2031-01-01", "NOR", "NEGOTIATION_ROUND").build());
        ModelHarness clean = new ModelHarness().run(event("n2", "2031-01-01", "NOR", "NEGOTIATION_ROUND").build());
        assertThat(violated.last().assessment().getComponents().getWayOut())
                .isLessThan(clean.last().assessment().getComponents().getWayOut());
    }

    @Test
    void shouldCloseTheChannelWhenTalksAreSuspended() {
        ModelHarness h = new ModelHarness().run(event("n1", "2030-01-01", "NOR", "NEGOTIATION_ROUND").build());
        double open = h.last().assessment().getComponents().getWayOut();

        h.run(event("t1", "2030-01-05", "SOU", "TALKS_SUSPENDED").build());

        assertThat(h.last().assessment().getComponents().getWayOut()).isLessThan(open).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldCountMediatorReversalsWhenStanceChangesDirectionByTheThresholdExactly() {
        ModelHarness h = new ModelHarness().run(
                event("m1", "2030-01-01", "MED", "MEDIATOR_STANCE").setIntensity(0.5).build(),
                event("m2", "2030-02-01", "MED", "MEDIATOR_STANCE").setIntensity(0.2).build(),  // toward PLAN_A
                event("m3", "2030-03-01", "MED", "MEDIATOR_STANCE").setIntensity(0.25).build(), // drift, no reversal
                event("m4", "2030-04-01", "MED", "MEDIATOR_STANCE").setIntensity(0.8).build(),  // reversal 1
                event("m5", "2030-05-01", "MED", "MEDIATOR_STANCE").setIntensity(0.95).build(),
                event("m6", "2030-06-01", "MED", "MEDIATOR_STANCE").setIntensity(0.8).build()); // 0.95 - 0.8 = 0.1499...: reversal 2

        assertThat(h.last().assessment().getMediator().getReversals()).isEqualTo(2);
        assertThat(h.at("2030-04-15").assessment().getMediator().getReversals()).isEqualTo(1);
    }

    @Test
    void shouldRaiseCatastropheAndOpportunitySignalsAndLetThemDecay() {
        ModelHarness h = new ModelHarness().run(
                event("e1", "2030-01-01", "NOR", "ESCALATION_THREAT").build(),
                event("i1", "2030-01-01", "ALY", "INCENTIVE_OFFERED").build(),
                event("l1", "2030-01-01", "SOU", "LEADERSHIP_CHANGE").build());
        assertThat(h.last().assessment().getComponents().getCatastrophe()).isPositive();
        assertThat(h.last().assessment().getComponents().getOpportunity()).isPositive();

        assertThat(h.asOf("2031-06-01").getComponents().getCatastrophe()).isLessThan(0.01);
    }

    @Test
    void shouldGiveAnIntervalAroundRipeness() {
        ModelHarness h = new ModelHarness().run(
                event("k1", "2030-02-01", "SOU", "CASUALTIES_REPORTED").setCasualties(8000L).build(),
                event("k2", "2030-02-01", "NOR", "CASUALTIES_REPORTED").setCasualties(8000L).build(),
                event("n1", "2030-02-02", "MED", "NEGOTIATION_ROUND").build());
        RipenessAssessment a = h.last().assessment();

        assertThat(a.getRipenessLow()).isLessThan(a.getRipeness());
        assertThat(a.getRipenessHigh()).isGreaterThan(a.getRipeness());
        assertThat(a.getRipenessLow()).isGreaterThanOrEqualTo(0.0);
        assertThat(a.getRipenessHigh()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void shouldOpenPlanAWindowWhenAdvancingSideStallsAndHurts() {
        ModelHarness h = new ModelHarness().run(
                event("f1", "2030-02-01", "NOR", "OFFENSIVE_FAILED").setFront("river").build(),
                event("w1", "2030-02-03", "NOR", "WITHDRAWAL").setFront("hills").build(),
                event("f2", "2030-02-10", "NOR", "OFFENSIVE_FAILED").setFront("hills").build(),
                event("k1", "2030-02-03", "NOR", "CASUALTIES_REPORTED").setCasualties(60000L).build(),
                event("s1", "2030-02-04", "ALY", "SANCTIONS_IMPOSED").setTarget("NOR").build());

        assertThat(h.last().assessment().getPathway()).isEqualTo(RipenessModel.PLAN_A_WINDOW);
    }

    @Test
    void shouldFlagPlanBPressureWhenDefenderHurtsAndMediatorPushesWhileAttackerGains() {
        ModelHarness h = new ModelHarness().run(
                event("c1", "2030-02-01", "NOR", "SETTLEMENT_CAPTURED").setFront("river").build(),
                event("c2", "2030-02-02", "NOR", "SETTLEMENT_CAPTURED").setFront("hills").build(),
                event("k1", "2030-02-03", "SOU", "CASUALTIES_REPORTED").setCasualties(60000L).build(),
                event("m1", "2030-02-04", "MED", "MEDIATOR_STANCE").setIntensity(0.9).build());

        assertThat(h.last().assessment().getPathway()).isEqualTo(RipenessModel.PLAN_B_PRESSURE);
    }

    @Test
    void shouldFoldEventsDatedBefore1970() {
        ModelHarness h = new ModelHarness().run(
                event("old1", "1948-05-15", "NOR", "OFFENSIVE_LAUNCHED").setTarget("SOU").build(),
                event("old2", "1949-02-24", "NOR", "AGREEMENT").setTarget("SOU").build());

        assertThat(h.last().assessment().getAsOf()).isEqualTo("1949-02-24");
        assertThat(h.asOf("1950-01-01").getAsOf()).isEqualTo("1950-01-01");
    }

    @Test
    void shouldComputeTimeToGoalAndStrategicStalemateWhenAreaIsKnown() {
        ModelHarness h = new ModelHarness().run(
                event("s1", "2030-01-01", "NOR", "CONTROL_SNAPSHOT").setAreaKm2(1000.0).build(),
                event("t1", "2030-02-01", "NOR", "TERRITORY_CHANGE").setFront("river").setAreaKm2(10.0).build());

        FrontIndicators all = front(h.last(), "ALL", "NOR");
        assertThat(all.getTimeToGoalYears()).isNotNull().isGreaterThan(5.0);
        assertThat(all.getStrategicStalemate()).isTrue();
    }

    @Test
    void shouldCountSiegeDaysUntilThePlaceFalls() {
        ModelHarness h = new ModelHarness().run(
                event("s1", "2030-01-01", "NOR", "SIEGE_STARTED").setFront("hills").build(),
                event("x", "2030-03-02", "NOR", "STATEMENT").build());
        assertThat(front(h.last(), "hills", "NOR").getSiegeDays()).isEqualTo(60);

        h.run(event("c1", "2030-04-01", "NOR", "SETTLEMENT_CAPTURED").setFront("hills").build());
        assertThat(front(h.last(), "hills", "NOR").getSiegeDays()).isNull();
    }

    @Test
    void shouldRoundTripSnapshotBytesExactly() {
        ModelHarness h = new ModelHarness().run(
                event("c1", "2030-02-01", "NOR", "SETTLEMENT_CAPTURED").setFront("river").build(),
                event("d1", "2030-02-01", "NOR", "DEMAND_STATED").setPositions(List.of(demand("status", "st-vassal"))).build(),
                event("m1", "2030-02-04", "MED", "MEDIATOR_STANCE").setIntensity(0.9).build());
        ConflictSnapshot s = h.snapshots.get(LocalDate.parse("2030-02-04"));

        byte[] bytes = SnapshotCodec.encode(s);

        assertThat(SnapshotCodec.encode(SnapshotCodec.decode(bytes))).isEqualTo(bytes);
        assertThat(SnapshotCodec.decode(bytes).levels).isEqualTo(s.levels);
        assertThat(SnapshotCodec.decode(bytes).ledgers.keySet()).isEqualTo(s.ledgers.keySet());
    }

    @Test
    void shouldWriteSnapshotStringsAsModifiedUtf8LikeDataOutputStream() throws Exception {
        ModelHarness h = new ModelHarness().run(event("c1", "2030-02-01", "NOR", "SETTLEMENT_CAPTURED").setFront("river").build());
        ConflictSnapshot s = h.snapshots.get(LocalDate.parse("2030-02-01"));
        // ASCII (also longer than eight bytes, with a question mark), Latin-1, a NUL, a character beyond Latin-1, one
        // beyond the BMP (a surrogate pair), a lone surrogate (which plain UTF-8 cannot encode).
        // Long ones too: the codec remembers long strings it read or wrote, and must not remember those it cannot copy.
        String tail = " and words enough to be longer than thirty-two characters";
        for (String id : List.of("plain-id", "a longer id, asking why?", "caf\u00e9", "nul\u0000inside and more",
                "\u2265 sign", "\ud83d\ude00", "lone \ud800 surrogate", "plain" + tail, "why?" + tail, "nul\u0000" + tail,
                "caf\u00e9" + tail, "lone \ud800" + tail)) {
            s.lastEventId = id;
            java.io.ByteArrayOutputStream utf = new java.io.ByteArrayOutputStream();
            new java.io.DataOutputStream(utf).writeUTF(id);

            for (int pass = 0; pass < 2; pass++) {
                byte[] bytes = SnapshotCodec.encode(s);
                ConflictSnapshot back = SnapshotCodec.decode(bytes);
                assertThat(back.lastEventId).isEqualTo(id);
                assertThat(indexOf(bytes, utf.toByteArray())).as(id).isPositive();
                assertThat(SnapshotCodec.encode(back)).as(id).isEqualTo(bytes);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * A date's fold reuses what it derived (the decayed start, the state after the last event)
     * instead of deriving the published state again: on generated histories, what was published
     * for each date equals the assessment derived afresh from that date's snapshot, and the
     * snapshot's bytes survive a decode.
     */
    @Test
    void shouldPublishWhatTheDatesSnapshotDerivesToOnGeneratedHistories() {
        for (double perDay : new double[] {4, 40}) {
            java.io.StringWriter out = new java.io.StringWriter();
            int span = EventGenerator.Settings.spanFor(3000, 1, perDay);
            new EventGenerator(
                    new EventGenerator.Settings(3000, 1, 5, 0, 0, 0, span)).write(out);
            List<Event> events = new ArrayList<>();
            for (String line : out.toString().split("\n")) {
                events.add(parse(line));
            }
            ModelHarness h = new ModelHarness(EventGenerator.conflict(1),
                    ModelConfig.bundled()).run(events.toArray(Event[]::new));

            for (Map.Entry<LocalDate, ConflictSnapshot> s : h.snapshots.entrySet()) {
                assertThat(h.outputs.get(s.getKey()).assessment()).as("%s at %s events a day", s.getKey(), perDay)
                        .isEqualTo(h.model.at(s.getValue(), s.getKey()));
                byte[] bytes = SnapshotCodec.encode(s.getValue());
                assertThat(SnapshotCodec.encode(SnapshotCodec.decode(bytes))).isEqualTo(bytes);
            }
            assertThat(h.snapshots).hasSizeGreaterThan(50);
        }
    }

    private static Event parse(String line) {
        try {
            return EventJson.parse(line);
        } catch (EventFormatException e) {
            throw new IllegalStateException(line, e);
        }
    }
}
