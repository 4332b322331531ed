package dev.ripeness.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripeness.schema.RipenessAssessment;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One replay per (conflict, instant), bounded concurrency, same answers as the uncached source. */
class CachedKnownAtTest {

    private static final String C = TestSeries.CONFLICT;
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant PAST = Instant.parse("2024-07-01T00:00:00Z");

    private final FakeKnownAtSource fake = new FakeKnownAtSource(TestSeries.assessments());

    private CachedKnownAt cached(KnownAtSource source, int maxConcurrent, Duration wait) {
        return new CachedKnownAt(source, 16, maxConcurrent, wait, Duration.ofMinutes(5), () -> NOW);
    }

    @Test
    void shouldReplayASettledInstantOnceAndAnswerEveryAsOfFromIt() {
        // Given
        CachedKnownAt cache = cached(fake, 2, Duration.ofSeconds(5));

        // When the same (conflict, instant) is asked four ways
        List<RipenessAssessment> timeline = cache.timeline(C, PAST);
        Optional<RipenessAssessment> latest = cache.ripeness(C, PAST, null);
        Optional<RipenessAssessment> asOf = cache.ripeness(C, PAST, LocalDate.parse("2024-06-20"));
        cache.timeline(C, PAST);

        // Then one replay answered all, and the answers are the uncached source's
        assertThat(fake.asked).containsExactly(PAST);
        assertThat(timeline).isEqualTo(fake.timeline(C, PAST));
        assertThat(latest).isEqualTo(fake.ripeness(C, PAST, null));
        assertThat(asOf).isEqualTo(fake.ripeness(C, PAST, LocalDate.parse("2024-06-20")));
        assertThat(asOf.orElseThrow().getAsOf()).isEqualTo("2024-06-14");
    }

    @Test
    void shouldNotCacheAnInstantThatEventsMayStillArriveFor() {
        // Given an instant within the last five minutes
        CachedKnownAt cache = cached(fake, 2, Duration.ofSeconds(5));
        Instant recent = NOW.minusSeconds(60);

        // When asked twice, Then replayed twice
        cache.timeline(C, recent);
        cache.timeline(C, recent);
        assertThat(fake.asked).containsExactly(recent, recent);
    }

    @Test
    void shouldRunOneReplayForConcurrentIdenticalRequestsAndRefuseWhenEverySlotStaysBusy() throws Exception {
        // Given a source whose replays wait for the test
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger replays = new AtomicInteger();
        KnownAtSource slow = new KnownAtSource() {
            @Override
            public Optional<RipenessAssessment> ripeness(String conflict, Instant knownAt, LocalDate asOf) {
                throw new AssertionError("the cache derives ripeness from the timeline");
            }

            @Override
            public List<RipenessAssessment> timeline(String conflict, Instant knownAt) {
                replays.incrementAndGet();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return fake.timeline(conflict, knownAt);
            }
        };
        CachedKnownAt cache = cached(slow, 1, Duration.ofMillis(300));

        // When two requests ask the same instant while it replays
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
        CompletableFuture<List<RipenessAssessment>> first = CompletableFuture.supplyAsync(() -> cache.timeline(C, PAST), clients);
        org.awaitility.Awaitility.await("first replay running").atMost(Duration.ofSeconds(10)).until(() -> replays.get() == 1);
        CompletableFuture<List<RipenessAssessment>> second = CompletableFuture.supplyAsync(() -> cache.timeline(C, PAST), clients);

        // Then a request for another instant finds the only slot busy and is refused, not queued forever
        assertThatThrownBy(() -> cache.timeline(C, PAST.minusSeconds(3600))).isInstanceOf(CachedKnownAt.BusyException.class)
                .hasMessageContaining("busy");

        // And both identical requests get the one replay's answer
        release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(second.get(20, TimeUnit.SECONDS));
        assertThat(replays.get()).isEqualTo(1);
        clients.shutdown();
    }
}
