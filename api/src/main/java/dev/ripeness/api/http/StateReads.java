package dev.ripeness.api.http;

import dev.ripeness.streams.query.StateUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a state read, retrying for a short while when the state is being moved or restored
 * (a rebalance); past that, answers 503 with Retry-After so that clients back off instead
 * of hammering a cluster that is busy rebalancing.
 */
final class StateReads {

    private static final Logger LOG = LoggerFactory.getLogger(StateReads.class);
    private static final long LOG_EVERY_MS = 30_000;

    private final Duration patience;
    private final int retryAfterSeconds;
    private final AtomicLong lastLogged = new AtomicLong();

    StateReads(Duration patience, int retryAfterSeconds) {
        this.patience = patience;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    <T> T read(Supplier<T> query) {
        long deadline = System.nanoTime() + patience.toNanos();
        long backoffMs = 50;
        while (true) {
            try {
                return query.get();
            } catch (StateUnavailableException e) {
                if (System.nanoTime() + backoffMs * 1_000_000 > deadline) {
                    logRarely(e);
                    throw new ApiException(503, "the state is being moved or restored (rebalance in progress): retry in "
                            + retryAfterSeconds + " s", Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
                }
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 400);
            }
        }
    }

    // One line per 30 s at most: a rebalance makes every request fail alike, and a log line each would bury the cause.
    private void logRarely(StateUnavailableException e) {
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_MS && lastLogged.compareAndSet(last, now)) {
            LOG.warn("answering 503: state unavailable after {} ms of retries: {}", patience.toMillis(), e.getMessage());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is stopping", Map.of("Retry-After", "5"));
        }
    }
}
