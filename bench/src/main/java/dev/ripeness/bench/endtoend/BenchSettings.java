package dev.ripeness.bench.endtoend;

import dev.ripeness.sinks.files.FileSink;
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
 * @param warmupEvents events of the warm-up run done before the measured one, in the same JVM on its own
 *                    broker (0: none, every measured phase then includes the JIT compiling its code)
 * @param sinkLogCompression how the late batch's file sink writes its change logs
 */
public record BenchSettings(long events, int conflicts, double lateShare, long seed, int markers, int markerRate,
                            int partitions, Duration timeout, Map<String, Object> pipelineOverrides, double eventsPerDay,
                            boolean anchor, int lateBatch, int sustainedRate, int sustainedSeconds, long warmupEvents,
                            FileSink.LogCompression sinkLogCompression) {

    /** The latest marker date must stay before tomorrow (the feed rejects later dates): 2025-01-01 plus this many days. */
    public static final int MAX_MARKERS = 600;

    /**
     * Warm-up events when none are asked for, unless the run itself is smaller: the per-event
     * code of the feed, pipeline and anchor then runs 20,000 times and the broker's and clients'
     * more (C2 compiles a method after about 10,000 calls or loop turns). It costs 40-80 s on a
     * shared 2-core machine (docs/performance.md); 100,000 did not compile markedly more away.
     * The JIT's work left in the measured phases is reported.
     */
    public static final long DEFAULT_WARMUP_EVENTS = 20_000;
    /**
     * Conflict-dates the warm-up folds at least (when its events allow one a date): the fold's
     * per-date code (the model's day, its outputs, the processor's writes) is called once per
     * conflict-date, not per event, so at the measured run's density (100 a conflict-day) a
     * 20,000-event warm-up folds 200 dates and leaves that code to C1 in the measured run, where
     * C2 compiles it part-way (docs/performance.md). C2 compiles a method after about 5,000 calls.
     */
    static final int WARMUP_DATES = 6_000;
    /** The warm-up's markers and sustained feed: enough to compile their paths, short. */
    static final int WARMUP_MARKERS = 20;
    static final int WARMUP_SUSTAINED_SECONDS = 5;

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
        java.util.Objects.requireNonNull(sinkLogCompression, "sinkLogCompression");
        if (lateBatch < 0) {
            throw new IllegalArgumentException("--late-batch must not be negative, was " + lateBatch);
        }
        if (sustainedRate < 0 || sustainedRate > 100_000) {
            throw new IllegalArgumentException("--sustained-rate must be between 0 and 100000 events per second, was " + sustainedRate);
        }
        if (sustainedSeconds < 1) {
            throw new IllegalArgumentException("--sustained-seconds must be at least 1, was " + sustainedSeconds);
        }
        if (warmupEvents < 0) {
            throw new IllegalArgumentException("--warmup-events must not be negative, was " + warmupEvents);
        }
        if (!(eventsPerDay > 0)) {
            throw new IllegalArgumentException("--events-per-day must be positive, was " + eventsPerDay);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, was " + partitions);
        }
    }

    /** Conflict-dates the sustained feed's events take at {@code eventsPerDay} a conflict-day, plus one. */
    public long sustainedDates() {
        return (long) Math.ceil((double) sustainedRate * sustainedSeconds / (conflicts * eventsPerDay)) + 1;
    }

    /** The warm-up size when {@code --warmup-events} is not given: {@link #DEFAULT_WARMUP_EVENTS}, at most {@code events}. */
    public static long defaultWarmupEvents(long events) {
        return Math.min(DEFAULT_WARMUP_EVENTS, events);
    }

    /**
     * What the warm-up runs: the same phases and options on {@code warmupEvents} events, spread
     * over at least {@value #WARMUP_DATES} conflict-dates (fewer events a date than measured when
     * needed, at least one; at the measured density when there is a sustained feed), with at most {@value #WARMUP_MARKERS} markers, a sustained feed of at most
     * {@value #WARMUP_SUSTAINED_SECONDS} s and a late batch of at most {@code warmupEvents} events;
     * no warm-up of its own. Empty when there is no warm-up.
     */
    public java.util.Optional<BenchSettings> warmup() {
        if (warmupEvents == 0) {
            return java.util.Optional.empty();
        }
        // A sustained feed keeps the measured density: spread as thin, its dates would run past today.
        double warmupEventsPerDay = sustainedRate > 0 ? eventsPerDay
                : Math.min(eventsPerDay, Math.max(1.0, (double) warmupEvents / WARMUP_DATES));
        return java.util.Optional.of(new BenchSettings(warmupEvents, conflicts, lateShare, seed,
                Math.min(markers, WARMUP_MARKERS), markerRate, partitions, timeout, pipelineOverrides, warmupEventsPerDay,
                anchor, (int) Math.min(lateBatch, warmupEvents), sustainedRate,
                Math.min(sustainedSeconds, WARMUP_SUSTAINED_SECONDS), 0, sinkLogCompression));
    }
}
