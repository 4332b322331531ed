package dev.ripeness.cli;

import dev.ripeness.bench.endtoend.BenchReport;
import dev.ripeness.bench.endtoend.BenchSettings;
import dev.ripeness.bench.endtoend.EndToEndBench;
import dev.ripeness.sinks.files.FileSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ripeness bench}: end-to-end throughput, latency and per-event cost on a throw-away broker. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Measure the whole pipeline end to end on a real Kafka broker, against a bare stateful app.",
                "What it does:",
                "  0. unless --warmup-events 0, first runs steps 1-8 on --warmup-events events of their own (at most 20 "
                        + "markers, 5 s of --sustained-rate) on a broker of their own, stopped and deleted before the "
                        + "measured run: this warms up the JVM's JIT compiler on the feed, broker, clients, pipeline and "
                        + "anchor, as JMH's warm-up iterations do. Without it the pipeline, which runs first, is measured "
                        + "while the JIT compiles it and the broker (on 2 cores that takes a large share of the CPU), and "
                        + "the anchor after it finds most of that code compiled;",
                "  1. starts its own embedded KRaft broker in a temporary directory and creates the topics;",
                "  2. generates --events synthetic events (`ripeness generate`'s generator) and feeds them through the "
                        + "real KafkaEventFeed (ingest rate), then sends the same events with a bare transactional "
                        + "producer to a scratch topic for comparison;",
                "  3. starts the production pipeline (exactly_once_v2, bounded RocksDB) on the full log and samples "
                        + "its processed count every 20 ms: throughput, and the rate over each tenth of the events "
                        + "(first vs last tenth: does cost grow with history?);",
                "  4. sends --markers in-order marker events, one transaction each at --marker-rate per second, and "
                        + "times each from the feed call to its date's record on ripeness.assessment-timeline "
                        + "(read_committed): latency p50/p95/p99/max;",
                "  5. reports peak heap used by this JVM (pipeline, feed and broker together);",
                "  6. with --late-batch N, stops the pipeline, feeds N events dated over the last five years, restarts "
                        + "it and reports the rate it absorbs them at and the growth of a file sink's change logs per event;",
                "  7. with --sustained-rate R, feeds R in-order events per second for --sustained-seconds right after the "
                        + "markers and times the first event of each new date to its timeline record: latency at a sustained rate;",
                "  8. with --anchor, runs a bare Kafka Streams app (JSON parse, timestamped-store read-modify-write, one "
                        + "output record per event) on the same events, broker and settings right after the pipeline, and "
                        + "prints both rates, CPU, bytes written to the broker and records sent per event, and their ratios; "
                        + "then the same for that app keeping each event by its eventId as well (a get and a put in an "
                        + "uncached logged store, as the pipeline's events-by-id does), the ledger anchor.",
                "The pipeline's topology uses the fixed topic names of docs/topics.md, so bench never connects to "
                        + "another cluster: --bootstrap-servers is refused. Nothing outlives the run (the temporary "
                        + "directory is deleted unless --keep).",
                "--kafka-config FILE here goes to the pipeline only, over its production settings, to try others "
                        + "(e.g. max.poll.records, commit.interval.ms, ripeness.rocksdb.total.bytes); the report lists them.",
                "Every measured phase reports the JIT's work during it: compile time (CompilationMXBean: wall time "
                        + "summed over compiler threads, which on a loaded machine includes their wait for a core) and the "
                        + "compiler threads' CPU time (Linux). With --warmup-events 0 every figure includes JIT warm-up.",
                "Speed numbers depend on the machine and what else runs on it: see docs/performance.md."
        })
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--events", defaultValue = "100000", paramLabel = "N",
            description = "Events to generate and feed before the pipeline starts (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--conflicts", defaultValue = "3", paramLabel = "K",
            description = "Synthetic conflicts the events are spread over (default: ${DEFAULT-VALUE}).")
    int conflicts;

    @Option(names = "--late-share", defaultValue = "0.05", paramLabel = "F",
            description = "Share of events dated 30-365 days before their place in the stream; each re-folds "
                    + "that span (default: ${DEFAULT-VALUE}).")
    double lateShare;

    @Option(names = "--events-per-day", defaultValue = "100", paramLabel = "D",
            description = "About how many events fall on one conflict-day; the dates span events / (conflicts x D) days "
                    + "(at most 9000). 100 is near ACLED's daily count for a large war (default: ${DEFAULT-VALUE}).")
    double eventsPerDay;

    @Option(names = "--anchor", description = "Also run the bare stateful app on the same events right after the pipeline "
            + "and print the ratios (see docs/performance.md).")
    boolean anchor;

    @Option(names = "--late-batch", defaultValue = "0", paramLabel = "N",
            description = "After the markers, stop the pipeline, feed N events dated over the last five years (at most the whole history) before the "
                    + "latest generated date, restart it and report how fast it absorbs them and how much a file sink's "
                    + "change logs grow per late event (default: ${DEFAULT-VALUE}: none).")
    int lateBatch;

    @Option(names = "--sink-log-compression", defaultValue = FileSink.LogCompression.DEFAULT, paramLabel = "auto|none|gzip",
            description = "How the late batch's file sink writes its change logs (`sink files --log-compression`; "
                    + "default: ${DEFAULT-VALUE}).")
    FileSink.LogCompression sinkLogCompression;

    @Option(names = "--sustained-rate", defaultValue = "0", paramLabel = "R",
            description = "After the markers, feed R in-order events per second (the generated kinds, --events-per-day per "
                    + "conflict-day, new dates) through the feed for --sustained-seconds, in one transaction per 10 ms tick, "
                    + "and time the first event of each new date to its timeline record (default: ${DEFAULT-VALUE}: none).")
    int sustainedRate;

    @Option(names = "--sustained-seconds", defaultValue = "30", paramLabel = "S",
            description = "How long --sustained-rate feeds (default: ${DEFAULT-VALUE}).")
    int sustainedSeconds;

    @Option(names = "--warmup-events", paramLabel = "N",
            description = "Events of the warm-up run done first (step 0), on their own broker; 0: none, today's cold "
                    + "measurement (default: " + BenchSettings.DEFAULT_WARMUP_EVENTS + ", or --events if fewer: enough for "
                    + "the JIT to compile the per-event code; 40-80 s more on a shared 2-core machine).")
    Long warmupEvents;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Generator seed: the same options feed the same events (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--markers", defaultValue = "200", paramLabel = "M",
            description = "Marker events timed end to end, 1.." + BenchSettings.MAX_MARKERS + " (default: ${DEFAULT-VALUE}).")
    int markers;

    @Option(names = "--marker-rate", defaultValue = "20", paramLabel = "R",
            description = "Markers sent per second (default: ${DEFAULT-VALUE}).")
    int markerRate;

    @Option(names = "--timeout", defaultValue = "PT30M", paramLabel = "DURATION",
            description = "How long the pipeline may take to consume the log before the run fails, ISO-8601 "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Print the report as JSON (for scripts) instead of a table.")
    boolean json;

    @Option(names = "--keep", paramLabel = "DIR",
            description = "Work in DIR and keep it (broker log, state stores, events.jsonl) instead of a deleted temporary directory.")
    Path keep;

    @Override
    public Integer call() throws Exception {
        if (kafka.external()) {
            throw new UserException("bench runs on its own embedded broker: the pipeline's topology writes the fixed "
                    + "topics of docs/topics.md (ripeness.events ...), so against --bootstrap-servers it would mix "
                    + "synthetic events into a live pipeline; run `ripeness bench` without --bootstrap-servers", 2);
        }
        if (kafka.replicationFactor() != 1) {
            throw new UserException("bench's embedded broker is a single node: --replication-factor must be 1", 2);
        }
        BenchSettings settings = settings();
        Path dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("ripeness-bench-");
        try {
            BenchReport report = new EndToEndBench(settings, dir, line -> System.err.println("bench: " + line)).run();
            System.out.println(json ? report.toJson() : report.toTable());
            return 0;
        } finally {
            if (keep == null) {
                delete(dir);
            }
        }
    }

    /** The options as settings; a bad value is a {@link UserException} with exit code 2. */
    BenchSettings settings() {
        try {
            return new BenchSettings(events, conflicts, lateShare, seed, markers, markerRate, kafka.partitions(), timeout,
                    kafka.fileProperties(), eventsPerDay, anchor, lateBatch, sustainedRate, sustainedSeconds,
                    warmupEvents != null ? warmupEvents : BenchSettings.defaultWarmupEvents(events), sinkLogCompression);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), 2);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
