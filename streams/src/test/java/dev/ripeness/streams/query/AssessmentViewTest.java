package dev.ripeness.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.schema.Components;
import dev.ripeness.schema.Driver;
import dev.ripeness.schema.MediatorState;
import dev.ripeness.schema.RipenessAssessment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssessmentViewTest {

    @Test
    void shouldListTheRipenessOwnDriversFirstThenTheLargestMovesAndBookkeepingLast() {
        // Given drivers in the order the model stores them: by component name
        RipenessAssessment a = assessment(List.of(
                driver("(earlier events)", "catastrophe", 1.434),
                driver("(decay)", "catastrophe", -1.431),
                driver("e-small", "hurt:RUS", 0.010),
                driver("e-big", "mhs", -0.250),
                driver("e-talks", "ripeness", 0.137),
                driver("e-call", "ripeness", -0.020)));

        // When
        String table = AssessmentView.table(a, 4);

        // Then the four shown are the ripeness's own drivers, then the largest other move
        String drivers = table.substring(table.indexOf("top drivers"));
        assertThat(drivers).contains("e-talks", "e-call", "e-big", "e-small").doesNotContain("(earlier events)", "(decay)");
        assertThat(drivers.indexOf("e-talks")).isLessThan(drivers.indexOf("e-call"));
        assertThat(drivers.indexOf("e-call")).isLessThan(drivers.indexOf("e-big"));
        assertThat(drivers.indexOf("e-big")).isLessThan(drivers.indexOf("e-small"));
        // And the interval beside the value
        assertThat(table).contains("ripeness   0.310 [0.120-0.440]  EMERGING");
    }

    private static Driver driver(String eventId, String component, double delta) {
        return Driver.newBuilder().setEventId(eventId).setComponent(component).setDelta(delta).setNote(null).build();
    }

    private static RipenessAssessment assessment(List<Driver> drivers) {
        return RipenessAssessment.newBuilder().setConflict("c").setAsOf("2025-01-01").setModelVersion("m")
                .setRipeness(0.31).setRipenessLow(0.12).setRipenessHigh(0.44).setBand("EMERGING").setPathway("NONE")
                .setComponents(Components.newBuilder().setMhs(0.2).setWayOut(0.3).setDemandGap(null).setZopa("NONE")
                        .setCatastrophe(0.0).setOpportunity(0.0).build())
                .setActors(Map.of()).setMediator(MediatorState.newBuilder().setActor(null).setStance(null).setReversals(0).build())
                .setDrivers(drivers).setEventCount(6).build();
    }
}
