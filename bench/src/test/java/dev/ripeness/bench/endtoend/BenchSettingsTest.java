package dev.ripeness.bench.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripeness.sinks.files.FileSink;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The warm-up's settings: what the warm-up run repeats of the measured one, and what it shortens. */
class BenchSettingsTest {

    private static BenchSettings settings(long events, int markers, int lateBatch, int sustainedSeconds, long warmupEvents) {
        return new BenchSettings(events, 4, 0.1, 7, markers, 50, 2, Duration.ofMinutes(3), Map.of("max.poll.records", "100"),
                12.5, true, lateBatch, 1000, sustainedSeconds, warmupEvents, FileSink.LogCompression.GZIP);
    }

    @Test
    void shouldRunNoWarmupWhenWarmupEventsIsZero() {
        // Given --warmup-events 0, When the warm-up is asked for, Then there is none (today's cold measurement)
        assertThat(settings(100_000, 200, 0, 30, 0).warmup()).isEmpty();
    }

    @Test
    void shouldRepeatEveryPhaseOnTheWarmupEventsWithShortMarkerAndSustainedPhases() {
        // Given a measured run of 100,000 events with 200 markers, a late batch and 30 s of sustained feed
        BenchSettings measured = settings(100_000, 200, 50_000, 30, 3_000);

        // When its warm-up's settings are derived
        BenchSettings warm = measured.warmup().orElseThrow();

        // Then the warm-up runs the same phases and options on its own number of events, shortened, without a warm-up of its own
        assertThat(warm.events()).isEqualTo(3_000);
        assertThat(warm.warmupEvents()).isZero();
        assertThat(warm.warmup()).isEmpty();
        assertThat(warm.markers()).isEqualTo(BenchSettings.WARMUP_MARKERS);
        assertThat(warm.sustainedSeconds()).isEqualTo(BenchSettings.WARMUP_SUSTAINED_SECONDS);
        assertThat(warm.lateBatch()).as("at most the warm-up's own events").isEqualTo(3_000);
        assertThat(warm.anchor()).isTrue();
        assertThat(warm.sustainedRate()).isEqualTo(1000);
        assertThat(warm.conflicts()).isEqualTo(4);
        assertThat(warm.lateShare()).isEqualTo(0.1);
        assertThat(warm.markerRate()).isEqualTo(50);
        assertThat(warm.partitions()).isEqualTo(2);
        assertThat(warm.eventsPerDay()).as("with a sustained feed, the measured density").isEqualTo(12.5);
        assertThat(warm.timeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(warm.pipelineOverrides()).isEqualTo(Map.of("max.poll.records", "100"));
    }

    @Test
    void shouldSpreadTheWarmUpOverEnoughDatesForThePerDateCodeToCompile() {
        // Given the default warm-up before a run at 100 events a conflict-day
        BenchSettings measured = new BenchSettings(100_000, 3, 0, 1, 20, 20, 3, Duration.ofMinutes(30), Map.of(),
                100, true, 0, 0, 30, BenchSettings.DEFAULT_WARMUP_EVENTS, FileSink.LogCompression.GZIP);

        // When its warm-up's settings are derived
        BenchSettings warm = measured.warmup().orElseThrow();

        // Then its 20,000 events fall on 6,000 conflict-dates, not 200: the fold's per-date code is called as often as C2 needs
        assertThat(warm.events() / warm.eventsPerDay()).isCloseTo(BenchSettings.WARMUP_DATES, org.assertj.core.data.Offset.offset(1e-6));
        // And a warm-up that folds that many dates already keeps the measured density
        BenchSettings sparse = new BenchSettings(100_000, 3, 0, 1, 20, 20, 3, Duration.ofMinutes(30), Map.of(),
                2, true, 0, 0, 30, BenchSettings.DEFAULT_WARMUP_EVENTS, FileSink.LogCompression.GZIP);
        assertThat(sparse.warmup().orElseThrow().eventsPerDay()).isEqualTo(2.0);
        // And a warm-up too small to cover them puts one event on a date
        BenchSettings small = new BenchSettings(100_000, 3, 0, 1, 20, 20, 3, Duration.ofMinutes(30), Map.of(),
                100, true, 0, 0, 30, 3_000, FileSink.LogCompression.GZIP);
        assertThat(small.warmup().orElseThrow().eventsPerDay()).as("3,000 events cannot cover 6,000 dates: one a date").isEqualTo(1.0);
    }

    @Test
    void shouldWarmUpASustainedFeedOnNoMoreDatesThanTheMeasuredOne() {
        // Given the latency command of docs/performance.md: 6,000 events, then 1,000 events/s for 20 s
        BenchSettings measured = new BenchSettings(6_000, 3, 0, 1, 20, 20, 3, Duration.ofMinutes(30), Map.of(),
                100, false, 0, 1000, 20, BenchSettings.defaultWarmupEvents(6_000), FileSink.LogCompression.GZIP);

        // When its warm-up's settings are derived
        BenchSettings warm = measured.warmup().orElseThrow();

        // Then its 5 s of sustained feed take fewer dates than the measured 20 s (spread over 6,000 dates it took 1,668,
        // past today, and the bench refused to run)
        assertThat(measured.sustainedDates()).isEqualTo(68);
        assertThat(warm.sustainedDates()).isLessThanOrEqualTo(measured.sustainedDates());
    }

    @Test
    void shouldKeepSmallerMarkerLateAndSustainedPhasesAsTheyAre() {
        // Given a measured run whose own phases are already shorter than the warm-up's caps
        BenchSettings warm = settings(1_000, 5, 0, 2, 500).warmup().orElseThrow();

        // Then the warm-up does not lengthen them
        assertThat(warm.markers()).isEqualTo(5);
        assertThat(warm.sustainedSeconds()).isEqualTo(2);
        assertThat(warm.lateBatch()).isZero();
    }

    @Test
    void shouldDefaultToTwentyThousandWarmupEventsOrFewerWhenTheRunIsSmaller() {
        assertThat(BenchSettings.defaultWarmupEvents(100_000)).isEqualTo(BenchSettings.DEFAULT_WARMUP_EVENTS).isEqualTo(20_000);
        assertThat(BenchSettings.defaultWarmupEvents(500)).isEqualTo(500);
    }

    @Test
    void shouldRefuseANegativeWarmup() {
        assertThatThrownBy(() -> settings(100, 5, 0, 2, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--warmup-events");
    }
}
