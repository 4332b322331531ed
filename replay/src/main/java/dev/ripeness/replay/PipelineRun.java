package dev.ripeness.replay;

import dev.ripeness.streams.RipenessPipeline;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Runs a pipeline application over the event log until it has processed the log up to
 * offsets fixed beforehand, then stops it. "Processed" means committed and folded: the
 * processor folds dirty conflicts on a wall-clock punctuation, so after the offsets are
 * committed this waits until no conflict is left dirty; the clean close then commits the
 * last fold's records, and every state record of those events is readable with read_committed.
 */
public final class PipelineRun {

    /** What a run did. */
    public record Result(long events, Duration elapsed) {
        public double perSecond() {
            return events / Math.max(0.001, elapsed.toMillis() / 1000.0);
        }

        /** E.g. {@code 152 events in 2.4 s (63 events/s)}. */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "%,d events in %.1f s (%,.0f events/s)",
                    events, elapsed.toMillis() / 1000.0, perSecond());
        }
    }

    /** Told about progress about four times a second. */
    @FunctionalInterface
    public interface Listener {
        void progress(long done, long total, Duration elapsed);

        Listener NONE = (d, t, e) -> { };
    }

    private static final Duration POLL = Duration.ofMillis(250);

    private PipelineRun() {}

    /**
     * Starts {@code topology} with {@code config} and waits until its group has committed the
     * event log's partitions up to {@code target}; closes the application before returning.
     *
     * @throws IllegalStateException when the application fails or {@code timeout} passes
     */
    public static Result untilCaughtUp(Topology topology, Properties config, Admin admin, String eventsTopic,
                                       Map<TopicPartition, Long> target, Listener listener, Duration timeout) {
        String applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        ApplicationGroup group = new ApplicationGroup(admin, applicationId);
        Map<TopicPartition, Long> start = ApplicationGroup.beginningOffsets(admin, eventsTopic);
        group.committed(eventsTopic).forEach((tp, offset) -> start.merge(tp, offset, Math::max));
        long total = target.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), 0L))).sum();
        long began = System.nanoTime();
        RipenessPipeline pipeline = RipenessPipeline.start(topology, config);
        try {
            while (true) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
                Map<TopicPartition, Long> committed = group.committed(eventsTopic);
                long done = 0;
                boolean caughtUp = true;
                for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
                    long from = start.getOrDefault(e.getKey(), 0L);
                    long at = Math.max(from, Math.min(committed.getOrDefault(e.getKey(), from), e.getValue()));
                    done += at - from;
                    caughtUp &= at >= e.getValue();
                }
                listener.progress(done, total, elapsed);
                // Caught up and nothing left to fold: the close below commits the last fold's records.
                if (caughtUp && pipeline.pendingFolds() == 0) {
                    return new Result(total, Duration.ofNanos(System.nanoTime() - began));
                }
                KafkaStreams.State state = pipeline.streams().state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                        || state == KafkaStreams.State.PENDING_ERROR) {
                    throw new IllegalStateException("the replay application " + applicationId + " stopped (" + state
                            + ") after " + done + " of " + total + " events; see the log above");
                }
                if (elapsed.compareTo(timeout) > 0) {
                    throw new IllegalStateException("the replay application " + applicationId + " processed " + done + " of "
                            + total + " events in " + timeout.toSeconds() + " s; raise --timeout or look at the broker");
                }
                LockSupport.parkNanos(POLL.toNanos());
                if (Thread.interrupted()) {
                    throw ApplicationGroup.interrupted(new InterruptedException());
                }
            }
        } finally {
            // Leave the group at once: a replay run is over for good, and a member left behind
            // would keep the group "running" until its session times out (and block a clean-up).
            pipeline.streams().close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        }
    }
}
