package dev.ripeness.streams.demand;

import static dev.ripeness.streams.TestEvents.accept;
import static dev.ripeness.streams.TestEvents.demand;
import static dev.ripeness.streams.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.streams.TestEvents;
import dev.ripeness.streams.model.Contribution;
import dev.ripeness.streams.model.ModelConfig;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemandModelTest {

    private final ConflictConfig conflict = TestEvents.conflict();
    private final ModelConfig model = ModelConfig.bundled();
    private final ConflictConfig.Actor nor = conflict.actor("NOR").orElseThrow();
    private final ConflictConfig.Actor sou = conflict.actor("SOU").orElseThrow();

    @Test
    void shouldNormaliseUpwardLadderAndInvertDownwardLadderWhenComputingDemandIndex() {
        // Given NOR (UP) demands the top status rung and SOU (DOWN) demands the bottom one
        ActorDemand n = new ActorDemand();
        ActorDemand s = new ActorDemand();
        DemandModel.apply(conflict, nor, n, event("e1", "2030-01-01", "NOR", "DEMAND_STATED")
                .setPositions(List.of(demand("status", "st-vassal"))).build(), model);
        DemandModel.apply(conflict, sou, s, event("e2", "2030-01-01", "SOU", "DEMAND_STATED")
                .setPositions(List.of(demand("status", "st-free"))).build(), model);

        // Then both demand the most they can
        assertThat(DemandModel.index(conflict, nor, n)).isEqualTo(1.0);
        assertThat(DemandModel.index(conflict, sou, s)).isEqualTo(1.0);
    }

    @Test
    void shouldCountEscalationAndDeescalationWhenDemandMoves() {
        ActorDemand n = new ActorDemand();
        DemandModel.apply(conflict, nor, n, event("e1", "2030-01-01", "NOR", "DEMAND_STATED")
                .setPositions(List.of(demand("border", "bd-strip"))).build(), model);
        List<Contribution> up = DemandModel.apply(conflict, nor, n, event("e2", "2030-02-01", "NOR", "DEMAND_STATED")
                .setPositions(List.of(demand("border", "bd-coast"))).build(), model);
        DemandModel.apply(conflict, nor, n, event("e3", "2030-03-01", "NOR", "DEMAND_STATED")
                .setPositions(List.of(demand("border", "bd-valley"))).build(), model);

        assertThat(n.escalations).isEqualTo(1);
        assertThat(n.deescalations).isEqualTo(1);
        assertThat(n.ratchets).isZero();
        assertThat(up).singleElement().satisfies(c -> {
            assertThat(c.eventId()).isEqualTo("e2");
            assertThat(c.component()).isEqualTo("demandIndex:NOR");
            assertThat(c.delta()).isCloseTo(2 / 3.0, within(1e-9));
        });
        assertThat(n.positions.get("border").changedBy).isEqualTo("e3");
    }

    @Test
    void shouldCountRatchetWhenRaiseFollowsSetbackWithinWindow() {
        // Given a NOR setback on 2030-03-01
        ActorDemand n = new ActorDemand();
        DemandModel.apply(conflict, nor, n, event("e1", "2030-01-01", "NOR", "DEMAND_STATED")
                .setPositions(List.of(demand("border", "bd-strip"))).build(), model);
        DemandModel.setback(n, LocalDate.parse("2030-03-01"));

        // When it raises its demand inside the ratchet window, and again long after
        DemandModel.apply(conflict, nor, n, event("e2", "2030-03-20", "NOR", "DEMAND_STATED")
                .setPositions(List.of(demand("border", "bd-valley"))).build(), model);
        DemandModel.apply(conflict, nor, n, event("e3", "2031-03-20", "NOR", "DEMAND_STATED")
                .setPositions(List.of(demand("border", "bd-coast"))).build(), model);

        // Then only the first raise is a ratchet
        assertThat(n.escalations).isEqualTo(2);
        assertThat(n.ratchets).isEqualTo(1);
    }

    @Test
    void shouldReportUnknownGapWhenNoAcceptableRungWasStated() {
        ActorDemand n = new ActorDemand();
        ActorDemand s = new ActorDemand();
        DemandModel.apply(conflict, nor, n, event("e1", "2030-01-01", "NOR", "DEMAND_STATED")
                .setPositions(List.of(demand("status", "st-vassal"), demand("border", "bd-coast"))).build(), model);

        DemandModel.PairGap gap = DemandModel.pairGap(conflict, nor, n, sou, s);

        assertThat(gap.dimensions()).containsEntry("status", null).containsEntry("border", null);
        assertThat(gap.gap()).isNull();
        assertThat(gap.zopa()).isEqualTo(DemandModel.UNKNOWN);
    }

    @Test
    void shouldMeasureGapAsDemandBeyondTheOthersAcceptableRung() {
        // Given SOU accepts neutrality with guarantees and NOR demands it without guarantees
        ActorDemand n = new ActorDemand();
        ActorDemand s = new ActorDemand();
        DemandModel.apply(conflict, sou, s, event("e1", "2030-01-01", "SOU", "POSITION_OFFERED")
                .setPositions(List.of(accept("status", "st-neutral"))).build(), model);
        DemandModel.apply(conflict, nor, n, event("e2", "2030-01-02", "NOR", "PROPOSAL")
                .setPositions(List.of(demand("status", "st-neutral-bare"))).build(), model);

        DemandModel.PairGap gap = DemandModel.pairGap(conflict, sou, s, nor, n);

        assertThat(gap.actorA()).isEqualTo("NOR");
        assertThat(gap.dimensions().get("status")).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(gap.zopa()).isEqualTo(DemandModel.NO);
    }

    @Test
    void shouldFindZopaWhenEveryGapIsZero() {
        ActorDemand n = new ActorDemand();
        ActorDemand s = new ActorDemand();
        for (String dim : List.of("status", "border")) {
            String low = dim.equals("status") ? "st-neutral" : "bd-strip";
            DemandModel.apply(conflict, nor, n, event("n-" + dim, "2030-01-01", "NOR", "PROPOSAL")
                    .setPositions(List.of(dev.ripeness.schema.Position.newBuilder().setDimension(dim)
                            .setDemand(low).setAccept(low).build())).build(), model);
            DemandModel.apply(conflict, sou, s, event("s-" + dim, "2030-01-01", "SOU", "PROPOSAL")
                    .setPositions(List.of(dev.ripeness.schema.Position.newBuilder().setDimension(dim)
                            .setDemand(low).setAccept(low).build())).build(), model);
        }

        DemandModel.PairGap gap = DemandModel.pairGap(conflict, nor, n, sou, s);

        assertThat(gap.gap()).isEqualTo(0.0);
        assertThat(gap.zopa()).isEqualTo(DemandModel.YES);
    }
}
