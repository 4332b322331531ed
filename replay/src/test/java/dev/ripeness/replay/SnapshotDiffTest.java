package dev.ripeness.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.schema.Components;
import dev.ripeness.schema.Driver;
import dev.ripeness.schema.MediatorState;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotDiffTest {

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes());
    }

    @Test
    void shouldReportMissingAndChangedKeysButNotEqualOnes() {
        var live = Map.of("a", bytes("1"), "b", bytes("2"), "c", bytes("3"));
        var rebuilt = Map.of("a", bytes("1"), "b", bytes("X"), "d", bytes("4"));

        var differences = SnapshotDiff.compare("t", live, rebuilt);

        assertThat(differences).extracting(SnapshotDiff.Difference::key).containsExactly("b", "c", "d");
        assertThat(differences.get(1).describe()).contains("only in the live state");
        assertThat(differences.get(2).describe()).contains("only in the rebuilt state");
    }

    @Test
    void shouldShowRateAndEtaInTheProgressLine() {
        assertThat(Progress.line(500, 1000, Duration.ofSeconds(5)))
                .contains(" 50%").contains("500/1,000").contains("100 ev/s").contains("ETA 5s");
        assertThat(Progress.line(1000, 1000, Duration.ofSeconds(5))).contains("100%").contains("ETA 0s");
    }

    @Test
    void shouldMatchATimelineRecordPublishedWithNotesToTheSameRecordWithoutThemButNotToAnotherValue() {
        // Given a live record published with notes (before the upgrade) and the rebuilt one without
        var live = Map.of("c|2025-01-01", timeline(0.31, "NEGOTIATION_ROUND: wayOut.impulses..."));
        var same = Map.of("c|2025-01-01", timeline(0.31, null));
        var other = Map.of("c|2025-01-01", timeline(0.32, null));

        // Then only the notes are forgiven
        assertThat(SnapshotDiff.compare("t", live, same)).hasSize(1);
        assertThat(SnapshotDiff.compare("t", SnapshotDiff.timelineWithoutNotes(live), SnapshotDiff.timelineWithoutNotes(same)))
                .isEmpty();
        assertThat(SnapshotDiff.compare("t", SnapshotDiff.timelineWithoutNotes(live), SnapshotDiff.timelineWithoutNotes(other)))
                .hasSize(1);
    }

    private static ByteBuffer timeline(double ripeness, String note) {
        RipenessAssessment a = RipenessAssessment.newBuilder().setConflict("c").setAsOf("2025-01-01").setModelVersion("m")
                .setRipeness(ripeness).setBand("EMERGING").setPathway("NONE")
                .setComponents(Components.newBuilder().setMhs(0.2).setWayOut(0.3).setDemandGap(null).setZopa("NONE")
                        .setCatastrophe(0.0).setOpportunity(0.0).build())
                .setActors(Map.of()).setMediator(MediatorState.newBuilder().setActor(null).setStance(null).setReversals(0).build())
                .setDrivers(List.of(Driver.newBuilder().setEventId("e1").setComponent("ripeness").setDelta(0.137).setNote(note).build()))
                .setEventCount(1).build();
        return ByteBuffer.wrap(Topics.ASSESSMENT_TIMELINE.valueSerde().serializer().serialize("t", a));
    }
}
