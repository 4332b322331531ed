package dev.ripeness.runtime;

import dev.ripeness.broker.HangingTransactions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the pipeline of a run whose embedded broker restarted after a crash: when it is still REBALANCING at two
 * checks {@value #PERIOD_SECONDS} s apart, the offsets topic is searched for transactions left hanging and they
 * are aborted ({@link HangingTransactions}). It looks only then, because the hang appears once the restarted
 * pipeline's producer has ended the killed one's transaction, and it is what keeps the pipeline waiting.
 */
final class HangingTransactionWatch implements AutoCloseable {

    static final long PERIOD_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactionWatch.class);

    private final Admin admin;
    private final Supplier<String> pipelineState;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ripeness-hanging-transaction-watch");
        t.setDaemon(true);
        return t;
    });
    private boolean stuckBefore;

    HangingTransactionWatch(Map<String, Object> clientConfig, Supplier<String> pipelineState) {
        this.admin = Admin.create(clientConfig);
        this.pipelineState = pipelineState;
        timer.scheduleWithFixedDelay(this::check, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    private void check() {
        try {
            boolean stuck = "REBALANCING".equals(pipelineState.get());
            if (stuck && stuckBefore) {
                HangingTransactions.abortInOffsetsTopic(admin);
            }
            stuckBefore = stuck;
        } catch (RuntimeException e) {
            // One failed check must not end the watch (a scheduled task that throws is never run again).
            LOG.warn("the hanging-transaction watch failed once, it goes on: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
