package dev.ripeness.streams.ripeness;

import static dev.ripeness.streams.TestEvents.accept;
import static dev.ripeness.streams.TestEvents.demand;
import static dev.ripeness.streams.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ripeness.schema.ActorAssessment;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.RipenessAssessment;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RipenessModelTest {

    private static FrontIndicators front(DayOutputs o, String front, String actor) {
        return o.fronts().stream().filter(f -> f.getFront().equals(front) && f.getActor().equals(actor)).findFirst().orElseThrow();
    }

    private static ActorAssessment actor(DayOutputs o, String code) {
        return o.assessment().getActors().get(code);
    }

    @Test
    void shouldGainMomentumFromQualitativeEventsWhenNoKm2Exist() {
        // Given NOR captures two settlements on the river and SOU withdraws, with no km² figure
        ModelHarness h = new ModelHarness().run(
                event("c1", "2030-03-01", "NOR", "SETTLEMENT_CAPTURED").setFront("river").build(),
                event("c2", "2030-03-10", "NOR", "SETTLEMENT_CAPTURED").setFront("river").build(),
                event("w1", "2030-03-12", "SOU", "WITHDRAWAL").setFront("river").build());

        // Then NOR's momentum is positive and SOU's negative, with no area figure claimed
        FrontIndicators nor = front(h.last(), "river", "NOR");
        assertThat(nor.getMomentum()).isGreaterThan(0.5);
        assertThat(front(h.last(), "river", "SOU").getMomentum()).isLessThan(-0.5);
        assertThat(nor.getWindows()).allSatisfy(w -> assertThat(w.getNetAreaKm2()).isNull());
        assertThat(nor.getWindows().get(0).getCaptures()).isEqualTo(2);
        assertThat(nor.getTacticalStalemate()).isFalse();
    }

    @Test
    void shouldSharpenMomentumWhenKm2FiguresExist() {
        Event capture = event("c1", "2030-03-01", "NOR", "SETTLEMENT_CAPTURED").setFront("river").build();
        double qualitative = front(new ModelHarness().run(capture).last(), "river", "NOR").getMomentum();

        DayOutputs withArea = new ModelHarness().run(capture,
                event("t1", "2030-03-01", "NOR", "TERRITORY_CHANGE").setFront("river").setAreaKm2(2000.0).build()).last();

        assertThat(front(withArea, "river", "NOR").getMomentum()).isGreaterThan(qualitative);
        assertThat(front(withArea, "river", "NOR").getWindows().get(0).getNetAreaKm2()).isEqualTo(2000.0);
    }

    @Test
    void shouldDropEventsFromWindowWhenTheyAreOlderThanTheWindow() {
        ModelHarness h = new ModelHarness().run(
                event("c1", "2030-01-01", "NOR", "SETTLEMENT_CAPTURED").setFront("hills").build(),
                event("c2", "2030-03-15", "NOR", "SETTLEMENT_CAPTURED").setFront("hills").build());

        FrontIndicators f = front(h.last(), "hills", "NOR");
        assertThat(f.getWindows()).extracting(w -> w.getDays() + ":" + w.getCaptures())
                .containsExactly("30:1", "90:2", "180:2");
    }

    @Test
    void shouldCountSiegeDaysUntilThePlaceFalls() {
        ModelHarness h = new ModelHarness().run(
                event("s1", "2030-01-01", "NOR", "SIEGE_STARTED").setFront("hills").build(),
                event("x1", "2030-04-11", "NOR", "STATEMENT").build());
        assertThat(front(h.last(), "hills", "NOR").getSiegeDays()).isEqualTo(100);

        h.run(event("c1", "2030-05-01", "NOR", "SETTLEMENT_CAPTURED").setFront("hills").build());
        assertThat(front(h.last(), "hills", "NOR").getSiegeDays()).isNull();
    }

    @Test
    void shouldComputeTimeToGoalAndStrategicStalemateWhenAreaIsKnown() {
        // NOR aims at 5000 km², holds 1000 and gains 90 km² in 90 days: (4000-90)/365 years ≈ 10.7 > horizon 5
        ModelHarness h = new ModelHarness().run(
                event("h1", "2030-01-01", "NOR", "CONTROL_SNAPSHOT").setAreaKm2(1000.0).build(),
                event("t1", "2030-02-01", "NOR", "TERRITORY_CHANGE").setFront("river").setAreaKm2(90.0).build(),
                event("c1", "2030-02-01", "NOR", "SETTLEMENT_CAPTURED").setFront("river").build());

        FrontIndicators all = front(h.last(), "ALL", "NOR");
        assertThat(all.getTimeToGoalYears()).isCloseTo(3910 / 365.0, within(1e-6));
        assertThat(all.getStrategicStalemate()).isTrue();
        assertThat(all.getTacticalStalemate()).isFalse();
        // Tactical momentum rules perception: NOR gains, so it perceives little stalemate
        assertThat(actor(h.last(), "NOR").getPerceivedStalemate()).isLessThan(0.5);
    }

    @Test
    void shouldSaturateHurtFromNamedTermsWhenActorSuffers() {
        ModelHarness h = new ModelHarness().run(
                event("k1", "2030-02-01", "SOU", "CASUALTIES_REPORTED").setCasualties(50000L).build(),
                event("s1", "2030-02-01", "NOR", "STRIKE").setTarget("SOU").build(),
                event("a1", "2030-02-02", "ALY", "AID_SUSPENDED").setTarget("SOU").build());

        double sou = actor(h.last(), "SOU").getHurt();
        assertThat(sou).isBetween(0.3, 1.0);
        assertThat(actor(h.last(), "NOR").getHurt()).isZero();

        // Hurt fades once the window has passed
        h.run(event("x", "2031-01-01", "SOU", "STATEMENT").build());
        assertThat(actor(h.last(), "SOU").getHurt()).isZero();
    }

    @Test
    void shouldTakeWeakestLinkForMhsWhenOnlyOneSideHurts() {
        // Both stalled (no gains), but only SOU hurts
        ModelHarness h = new ModelHarness().run(
                event("k1", "2030-02-01", "SOU", "CASUALTIES_REPORTED").setCasualties(80000L).build(),
                event("f1", "2030-02-01", "SOU", "OFFENSIVE_FAILED").setFront("river").build());
        RipenessAssessment a = h.last().assessment();
        assertThat(actor(h.last(), "SOU").getHurt()).isGreaterThan(0.3);
        assertThat(a.getComponents().getMhs()).isEqualTo(Math.min(
                Math.min(actor(h.last(), "NOR").getPerceivedStalemate(), actor(h.last(), "NOR").getHurt()),
                Math.min(actor(h.last(), "SOU").getPerceivedStalemate(), actor(h.last(), "SOU").getHurt())));
        assertThat(a.getComponents().getMhs()).isZero();

        // When NOR hurts too, MHS rises to the smaller of the two
        h.run(event("k2", "2030-02-05", "NOR", "CASUALTIES_REPORTED").setCasualties(80000L).build(),
                event("f2", "2030-02-05", "NOR", "OFFENSIVE_FAILED").setFront("hills").build());
        assertThat(h.last().assessment().getComponents().getMhs()).isGreaterThan(0.2);
    }

    @Test
    void shouldDecayWayOutWithHalfLifeAndDiscountItAfterViolation() {
        ModelHarness h = new ModelHarness().run(
                event("n1", "2030-01-01", "NOR", "NEGOTIATION_ROUND").build());
        double fresh = h.last().assessment().getComponents().getWayOut();
        h.run(event("x", "2030-02-15", "NOR", "STATEMENT").build()); // 45 days = one half-life
        double later = h.last().assessment().getComponents().getWayOut();
        assertThat(later).isLessThan(fresh).isGreaterThan(0);

        ModelHarness violated = new ModelHarness().run(
                event("n1", "2030-01-01", "NOR", "NEGOTIATION_ROUND").build(),
                event("v1", "2030-01-01", "NOR", "AGREEMENT_VIOLATION").build());
        assertThat(violated.last().assessment().getComponents().getWayOut()).isLessThan(fresh);
        // Trust has a long memory: a year later the same new round is still worth less
        violated.run(event("n2", "2031-01-01", "NOR", "NEGOTIATION_ROUND").build());
        ModelHarness clean = new ModelHarness().run(event("n2", "2031-01-01", "NOR", "NEGOTIATION_ROUND").build());
        assertThat(violated.last().assessment().getComponents().getWayOut())
                .isLessThan(clean.last().assessment().getComponents().getWayOut());
    }

    @Test
    void shouldDiscountWayOutByDemandGapAndExplainWithTheRaisingEvent() {
        ModelHarness h = new ModelHarness().run(
                event("o1", "2030-01-01", "SOU", "POSITION_OFFERED").setPositions(List.of(accept("status", "st-neutral"),
                        accept("border", "bd-strip"))).build(),
                event("d1", "2030-01-01", "NOR", "PROPOSAL").setPositions(List.of(demand("status", "st-neutral"),
                        demand("border", "bd-strip"))).build(),
                event("n1", "2030-01-02", "NOR", "NEGOTIATION_ROUND").build());
        double before = h.last().assessment().getComponents().getWayOut();

        h.run(event("r1", "2030-01-03", "NOR", "DEMAND_STATED").setPositions(List.of(demand("status", "st-vassal"))).build());

        RipenessAssessment a = h.last().assessment();
        assertThat(a.getComponents().getDemandGap()).isGreaterThan(0);
        assertThat(a.getComponents().getZopa()).isEqualTo("NO");
        assertThat(a.getComponents().getWayOut()).isLessThan(before * 0.99);
        assertThat(a.getDrivers()).anySatisfy(d -> {
            assertThat(d.getEventId()).isEqualTo("r1");
            assertThat(d.getComponent()).isEqualTo("demandGap");
            assertThat(d.getDelta()).isPositive();
            assertThat(d.getNote()).contains("wayOut.gapDiscount");
        });
        assertThat(h.last().gaps().get(0).getDrivers()).anySatisfy(d -> assertThat(d.getEventId()).isEqualTo("r1"));
    }

    @Test
    void shouldCountMediatorReversalsWhenStanceChangesDirectionBeyondThreshold() {
        ModelHarness h = new ModelHarness().run(
                event("m1", "2030-01-01", "MED", "MEDIATOR_STANCE").setIntensity(0.5).build(),
                event("m2", "2030-02-01", "MED", "MEDIATOR_STANCE").setIntensity(0.2).build(),  // toward PLAN_A
                event("m3", "2030-03-01", "MED", "MEDIATOR_STANCE").setIntensity(0.25).build(), // drift, no reversal
                event("m4", "2030-04-01", "MED", "MEDIATOR_STANCE").setIntensity(0.8).build(),  // reversal 1
                event("m5", "2030-05-01", "MED", "MEDIATOR_STANCE").setIntensity(0.3).build()); // reversal 2

        assertThat(h.last().assessment().getMediator().getReversals()).isEqualTo(2);
        assertThat(h.last().assessment().getMediator().getStance()).isEqualTo(0.3);
        assertThat(h.last().assessment().getMediator().getActor()).isEqualTo("MED");
        assertThat(h.at("2030-04-15").assessment().getMediator().getReversals()).isEqualTo(1);
    }

    @Test
    void shouldRaiseCatastropheAndOpportunitySignalsAndLetThemDecay() {
        ModelHarness h = new ModelHarness().run(
                event("e1", "2030-01-01", "NOR", "ESCALATION_THREAT").build(),
                event("i1", "2030-01-01", "ALY", "INCENTIVE_OFFERED").build());
        assertThat(h.last().assessment().getComponents().getCatastrophe()).isPositive();
        assertThat(h.last().assessment().getComponents().getOpportunity()).isPositive();

        h.run(event("x", "2031-01-01", "NOR", "STATEMENT").build());
        assertThat(h.last().assessment().getComponents().getCatastrophe()).isLessThan(0.01);
    }

    @Test
    void shouldOpenPlanAWindowWhenAdvancingSideStallsAndHurts() {
        ModelHarness h = new ModelHarness().run(
                event("f1", "2030-02-01", "NOR", "OFFENSIVE_FAILED").setFront("river").build(),
                event("w1", "2030-02-03", "NOR", "WITHDRAWAL").setFront("hills").build(),
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
    void shouldRoundTripSnapshotBytesExactly() {
        ModelHarness h = new ModelHarness().run(
                event("c1", "2030-02-01", "NOR", "SETTLEMENT_CAPTURED").setFront("river").build(),
                event("d1", "2030-02-01", "NOR", "DEMAND_STATED").setPositions(List.of(demand("status", "st-vassal"))).build(),
                event("m1", "2030-02-04", "MED", "MEDIATOR_STANCE").setIntensity(0.9).build());
        ConflictSnapshot s = h.snapshots.get(LocalDate.parse("2030-02-04"));

        byte[] bytes = SnapshotCodec.encode(s);

        assertThat(SnapshotCodec.encode(SnapshotCodec.decode(bytes))).isEqualTo(bytes);
        assertThat(SnapshotCodec.decode(bytes).drivers).isEqualTo(s.drivers);
    }
}
