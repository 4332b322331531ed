package dev.ripeness.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
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
}
