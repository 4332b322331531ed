package dev.ripeness.bench.endtoend;

import java.time.Duration;
import java.util.Map;

/**
 * What {@link EndToEndBench} runs.
 *
 * @param events      generated events fed before the pipeline starts
 * @param conflicts   synthetic conflicts the events are spread over (one key each)
 * @param lateShare   share of events dated 30-365 days before their place in the stream
 * @param seed        generator seed: the same settings feed the same events
 * @param markers     in-order marker events sent after the bulk, one transaction each, whose outputs are timed
 * @param markerRate  markers per second
 * @param partitions  partitions of every topic
 * @param timeout     how long the pipeline may take to consume everything before the run fails
 * @param pipelineOverrides Kafka Streams properties that win over the production config, to try settings
 * @param eventsPerDay about how many events fall on one conflict-day (the generator's span follows from it)
 * @param anchor      also run the bare stateful app ({@link AnchorApp}) right after the pipeline
 * @param lateBatch   events dated over the last five years fed after the markers (0: none)
 * @param sustainedRate in-order events per second fed through the feed after the markers, with latency sampled (0: none)
 * @param sustainedSeconds how long that feed lasts
 */
public record BenchSettings(long events, int conflicts, double lateShare, long seed, int markers, int markerRate,
                            int partitions, Duration timeout, Map<String, Object> pipelineOverrides, double eventsPerDay,
                            boolean anchor, int lateBatch, int sustainedRate, int sustainedSeconds) {

    /** The latest marker date must stay before tomorrow (the feed rejects later dates): 2025-01-01 plus this many days. */
    public static final int MAX_MARKERS = 600;

    public BenchSettings {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1, was " + events);
        }
        if (conflicts < 1) {
            throw new IllegalArgumentException("--conflicts must be at least 1, was " + conflicts);
        }
        if (!(lateShare >= 0 && lateShare <= 1)) {
            throw new IllegalArgumentException("--late-share must be between 0 and 1, was " + lateShare);
        }
        if (markers < 1 || markers > MAX_MARKERS) {
            throw new IllegalArgumentException("--markers must be between 1 and " + MAX_MARKERS + ", was " + markers);
        }
        if (markerRate < 1 || markerRate > 1000) {
            throw new IllegalArgumentException("--marker-rate must be between 1 and 1000 per second, was " + markerRate);
        }
        pipelineOverrides = Map.copyOf(pipelineOverrides);
        if (lateBatch < 0) {
            throw new IllegalArgumentException("--late-batch must not be negative, was " + lateBatch);
        }
        if (sustainedRate < 0 || sustainedRate > 100_000) {
            throw new IllegalArgumentException("--sustained-rate must be between 0 and 100000 events per second, was " + sustainedRate);
        }
        if (sustainedSeconds < 1) {
            throw new IllegalArgumentException("--sustained-seconds must be at least 1, was " + sustainedSeconds);
        }
        if (!(eventsPerDay > 0)) {
            throw new IllegalArgumentException("--events-per-day must be positive, was " + eventsPerDay);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, was " + partitions);
        }
    }
}
