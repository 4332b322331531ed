package dev.ripeness.api.http;

import dev.ripeness.schema.RipenessAssessment;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A {@link KnownAtSource} that replays as little as it can: one replay per (conflict, instant),
 * kept in a bounded LRU cache once the instant is settled (older than {@code settle}: no
 * event recorded up to it can still be committed), shared by requests that ask the same at
 * once, and at most {@code maxConcurrent} replays running; a request that finds them all busy
 * longer than {@code wait} gets 503. Both {@code ripeness} and {@code timeline} read the one
 * cached timeline: the assessment as of a date is the timeline's last point on or before it.
 */
public final class CachedKnownAt implements KnownAtSource {

    /** Thrown when every replay slot stays busy: answered 503 with Retry-After. */
    public static final class BusyException extends RuntimeException {
        BusyException(String message) {
            super(message, null, false, false);
        }
    }

    private record Key(String conflict, Instant knownAt) {}

    private final KnownAtSource delegate;
    private final Semaphore slots;
    private final int maxConcurrent;
    private final Duration wait;
    private final Duration settle;
    private final Supplier<Instant> clock;
    private final Map<Key, List<RipenessAssessment>> cache;
    private final Map<Key, CompletableFuture<List<RipenessAssessment>>> running = new ConcurrentHashMap<>();

    /** 256 entries, 2 replays at once, 10 s wait, settled after 5 minutes. */
    public CachedKnownAt(KnownAtSource delegate) {
        this(delegate, 256, 2, Duration.ofSeconds(10), Duration.ofMinutes(5), Instant::now);
    }

    public CachedKnownAt(KnownAtSource delegate, int maxEntries, int maxConcurrent, Duration wait, Duration settle,
                         Supplier<Instant> clock) {
        this.delegate = delegate;
        this.maxConcurrent = maxConcurrent;
        this.slots = new Semaphore(maxConcurrent, true);
        this.wait = wait;
        this.settle = settle;
        this.clock = clock;
        this.cache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, List<RipenessAssessment>> eldest) {
                return size() > maxEntries;
            }
        });
    }

    @Override
    public Optional<RipenessAssessment> ripeness(String conflict, Instant knownAt, LocalDate asOf) {
        List<RipenessAssessment> points = timeline(conflict, knownAt);
        RipenessAssessment found = null;
        for (RipenessAssessment a : points) {
            if (asOf == null || a.getAsOf().compareTo(asOf.toString()) <= 0) {
                found = a;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public List<RipenessAssessment> timeline(String conflict, Instant knownAt) {
        Key key = new Key(conflict, knownAt);
        List<RipenessAssessment> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<List<RipenessAssessment>> mine = new CompletableFuture<>();
        CompletableFuture<List<RipenessAssessment>> shared = running.putIfAbsent(key, mine);
        if (shared != null) {
            return join(shared);
        }
        try {
            List<RipenessAssessment> points = replay(key);
            if (knownAt.isBefore(clock.get().minus(settle))) {
                cache.put(key, points);
            }
            mine.complete(points);
            return points;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    private List<RipenessAssessment> replay(Key key) {
        try {
            if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BusyException("every known-at replay slot (" + maxConcurrent + ") is busy; retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("interrupted while waiting for a known-at replay slot");
        }
        try {
            return List.copyOf(delegate.timeline(key.conflict(), key.knownAt()));
        } finally {
            slots.release();
        }
    }

    private static List<RipenessAssessment> join(CompletableFuture<List<RipenessAssessment>> shared) {
        try {
            return shared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("interrupted while waiting for the same known-at replay");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
