package dev.ripeness.bench.endtoend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;

/** Everything one {@code ripeness bench} run measured; printed as a table or as JSON. */
public record BenchReport(Setup setup, Ingest ingest, Pipeline pipeline, Anchor anchor, Anchor ledgerAnchor,
                          Double ledgerOverAnchorEventsPerSecond, LateBatch lateBatch, Latency latency,
                          Sustained sustained, Heap heap, Warmup warmup) {

    /** The run's settings and the machine it ran on; {@code warmupEvents} 0: no warm-up run before the measured one. */
    public record Setup(long events, int conflicts, double lateShare, long seed, double eventsPerDay, int partitions, int processors,
                        String processingGuarantee, long rocksDbBudgetBytes, String javaVersion, List<String> pipelineOverrides,
                        long warmupEvents) {}

    /**
     * Feeding the generated events. {@code feed*}: the real {@code KafkaEventFeed} (parse,
     * validate, one transaction per 500); {@code raw*}: a bare transactional producer sending
     * the same parsed events to a scratch topic, to show what the feed's own work costs.
     * {@code feedJit}, {@code rawJit}: the JIT's work during each ({@link Jit}).
     */
    public record Ingest(long generated, long late, long accepted, long rejected, long duplicates, double feedSeconds,
                         double feedEventsPerSecond, long rawEvents, double rawSeconds, double rawEventsPerSecond,
                         Jit feedJit, Jit rawJit) {}

    /**
     * The pipeline consuming the fed log: {@code processed} counts records the stream thread
     * processed; {@code decileEventsPerSecond[i]} is the rate over the i-th tenth of the events,
     * so the first and last entries compare cost early and late in the history.
     * {@code cpuMillisPerEvent}: this process's CPU time (all threads: pipeline, broker) per
     * processed event, overall and per tenth; unlike rates it does not depend on what else
     * runs on the machine; {@code decileStreamThreadCpuMillisPerEvent}: the stream thread's
     * own CPU per event (the pipeline's work without the broker's and RocksDB's background threads);
     * {@code rocksdbThreadCpuMillisPerEvent}: RocksDB's flush and compaction threads over the same
     * span (a run after the pipeline may also get the tail of the pipeline's compactions; NaN off Linux).
     * {@code brokerKiBPerEvent}: bytes the broker appended for clients during the run (outputs,
     * changelogs, offsets) per event; {@code recordsSentPerEvent}: records the app's producer sent
     * per event. The run ends when the app has processed every event and has no work left for later.
     * {@code jit}: the JIT's work over the same span as {@code seconds} ({@link Jit}). Without a
     * warm-up it is large: the run then also measures the compiling of the code it runs.
     */
    public record Pipeline(double startupSeconds, long processed, boolean offsetsCommittedToEnd, double seconds,
                           double eventsPerSecond, double firstTenthEventsPerSecond, double lastTenthEventsPerSecond,
                           double lastOverFirst, List<Double> decileEventsPerSecond, double cpuMillisPerEvent,
                           List<Double> decileCpuMillisPerEvent, List<Double> decileStreamThreadCpuMillisPerEvent,
                           double streamThreadCpuMillisPerEvent, double rocksdbThreadCpuMillisPerEvent,
                           double brokerKiBPerEvent, double recordsSentPerEvent, Jit jit) {}

    /**
     * {@code --anchor}: the bare stateful app ({@code AnchorApp}) on the same events, broker and
     * settings, run right after the pipeline; ratios are pipeline over anchor (events/s: higher is
     * better for the pipeline; CPU, bytes, records: lower is). {@code ledgerAnchor}: the same for the
     * anchor that also keeps each event by its eventId ({@code AnchorApp.withLedger}), run after it;
     * the report's {@code ledgerOverAnchorEventsPerSecond} is its rate over the anchor's.
     */
    public record Anchor(Pipeline app, double eventsPerSecondRatio, double cpuRatio, double streamThreadCpuRatio,
                         double brokerBytesRatio, double recordsSentRatio) {
        static Anchor of(Pipeline pipeline, Pipeline anchor) {
            return new Anchor(anchor, pipeline.eventsPerSecond() / anchor.eventsPerSecond(),
                    pipeline.cpuMillisPerEvent() / anchor.cpuMillisPerEvent(),
                    pipeline.streamThreadCpuMillisPerEvent() / anchor.streamThreadCpuMillisPerEvent(),
                    pipeline.brokerKiBPerEvent() / anchor.brokerKiBPerEvent(),
                    pipeline.recordsSentPerEvent() / anchor.recordsSentPerEvent());
        }
    }

    /**
     * {@code --late-batch}: events dated over the last five years fed after the history and
     * absorbed by the restarted pipeline. Ratios are late over in-order; {@code fileSinkLogKiBPerEvent}
     * is the growth of the file sink's change logs ({@code log/*.jsonl} + {@code log/*.csv}, or their
     * {@code .gz} twins, as {@code fileSinkLogCompression} says) per late event.
     */
    public record LateBatch(int events, String from, String to, Pipeline absorbed, double eventsPerSecondRatio,
                            double streamThreadCpuRatio, double fileSinkLogKiBPerEvent,
                            String fileSinkLogCompression) {}

    /** Produce-to-published latency of in-order marker events (their date's timeline record, read_committed). */
    public record Latency(int sent, int received, double ratePerSecond, double p50Millis, double p95Millis,
                          double p99Millis, double maxMillis, Jit jit) {}

    /**
     * {@code --sustained-rate}: in-order events fed at {@code requestedPerSecond} for a while
     * ({@code sentPerSecond} is what the feed kept up); latency from the feed call of the first
     * event of each new conflict-date to that date's timeline record (read_committed), over
     * {@code sampled} such events.
     */
    public record Sustained(int requestedPerSecond, double sentPerSecond, long sent, double seconds, int sampled,
                            int received, double p50Millis, double p95Millis, double p99Millis, double maxMillis,
                            Jit jit) {}

    /** Heap of this JVM (pipeline, feed and embedded broker together), sampled every 50 ms. */
    public record Heap(double peakUsedMiB, double maxMiB) {}

    /**
     * {@code --warmup-events}: the run done before the measured one, in the same JVM on its own
     * broker, temp directory and events (stopped and deleted before the measured run starts), so
     * that the JIT has compiled the feed, broker, clients, pipeline and anchor. {@code seconds} and
     * {@code jit} cover the whole warm-up; the rates and their {@code *Jit} are the warm-up's own
     * (cold) ones. Null in the report when there was no warm-up.
     */
    public record Warmup(long events, double seconds, Jit jit, double pipelineEventsPerSecond, Jit pipelineJit,
                         Double anchorEventsPerSecond, Jit anchorJit) {}

    /**
     * The JIT's work during a phase. {@code compileMillis}: HotSpot's compile time
     * ({@code CompilationMXBean.getTotalCompilationTime()}), the wall time of each compilation summed
     * over the compiler threads, so on a loaded machine it also counts their wait for a core and can
     * exceed the phase's wall time; {@code compilerThreadCpuMillis}: CPU time of the C1/C2 compiler
     * threads (Linux {@code /proc/self/task/<id>/schedstat}), the share of the machine the JIT took.
     * NaN where the platform does not tell.
     */
    public record Jit(double compileMillis, double compilerThreadCpuMillis) {}

    /** Pretty JSON for scripts. */
    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** A table for people. */
    public String toTable() {
        StringBuilder b = new StringBuilder();
        row(b, "run", String.format(Locale.ROOT, "%d events, %d conflicts, ~%.0f events per conflict-day, late share %.2f, seed %d, %d partitions, %d cores, %s, RocksDB budget %d MiB, Java %s",
                setup.events(), setup.conflicts(), setup.eventsPerDay(), setup.lateShare(), setup.seed(), setup.partitions(), setup.processors(),
                setup.processingGuarantee(), setup.rocksDbBudgetBytes() >> 20, setup.javaVersion()));
        if (!setup.pipelineOverrides().isEmpty()) {
            row(b, "pipeline overrides", String.join(", ", setup.pipelineOverrides()));
        }
        if (warmup != null) {
            row(b, "warm-up", fmt("%d events first on their own broker, same JVM: %.1f s, JIT %s", warmup.events(), warmup.seconds(),
                    jit(warmup.jit())));
            row(b, "warm-up's (cold) rates", fmt("pipeline %.0f events/s (JIT %s)%s", warmup.pipelineEventsPerSecond(), jit(warmup.pipelineJit()),
                    warmup.anchorEventsPerSecond() == null ? ""
                            : fmt(", anchor %.0f events/s (JIT %s)", warmup.anchorEventsPerSecond(), jit(warmup.anchorJit()))));
        } else {
            row(b, "warm-up", "none (--warmup-events 0): every figure below includes the JIT compiling the code it measures");
        }
        b.append('\n');
        b.append("INGEST\n");
        row(b, "generated", ingest.generated() + " (" + ingest.late() + " late)");
        row(b, "fed", "accepted " + ingest.accepted() + ", rejected " + ingest.rejected() + ", duplicates " + ingest.duplicates());
        row(b, "KafkaEventFeed", fmt("%.0f events/s  (%.2f s; JIT %s)", ingest.feedEventsPerSecond(), ingest.feedSeconds(),
                jit(ingest.feedJit())));
        row(b, "raw txn producer", fmt("%.0f events/s  (%.2f s, %d events; JIT %s)", ingest.rawEventsPerSecond(), ingest.rawSeconds(),
                ingest.rawEvents(), jit(ingest.rawJit())));
        b.append('\n');
        b.append("PIPELINE (exactly_once_v2, consumes the whole fed log)\n");
        row(b, "startup", fmt("%.2f s to RUNNING", pipeline.startupSeconds()));
        row(b, "processed", pipeline.processed() + " records" + (pipeline.offsetsCommittedToEnd() ? ", committed offsets at the end offsets" : ", NOT all offsets committed"));
        row(b, "throughput", fmt("%.0f events/s  (%.2f s)", pipeline.eventsPerSecond(), pipeline.seconds()));
        row(b, "first 10% of events", fmt("%.0f events/s", pipeline.firstTenthEventsPerSecond()));
        row(b, "last 10% of events", fmt("%.0f events/s  (last/first = %.2f)", pipeline.lastTenthEventsPerSecond(), pipeline.lastOverFirst()));
        StringBuilder deciles = new StringBuilder();
        for (double d : pipeline.decileEventsPerSecond()) {
            deciles.append(deciles.length() == 0 ? "" : " ").append(fmt("%.0f", d));
        }
        row(b, "per decile (events/s)", deciles.toString());
        StringBuilder cpu = new StringBuilder();
        for (double d : pipeline.decileCpuMillisPerEvent()) {
            cpu.append(cpu.length() == 0 ? "" : " ").append(fmt("%.2f", d));
        }
        row(b, "CPU ms/event", fmt("%.2f overall (process CPU, all threads)", pipeline.cpuMillisPerEvent()));
        row(b, "CPU ms/event per decile", cpu.toString());
        StringBuilder thread = new StringBuilder();
        for (double d : pipeline.decileStreamThreadCpuMillisPerEvent()) {
            thread.append(thread.length() == 0 ? "" : " ").append(fmt("%.2f", d));
        }
        row(b, "stream thread only", thread.toString() + fmt("  (%.3f overall)", pipeline.streamThreadCpuMillisPerEvent()));
        row(b, "broker writes", fmt("%.2f KiB/event, %.2f records sent/event", pipeline.brokerKiBPerEvent(), pipeline.recordsSentPerEvent()));
        row(b, "RocksDB threads", rocksdb(pipeline));
        row(b, "JIT", jit(pipeline));
        b.append('\n');
        anchor(b, anchor, "ANCHOR (bare app: JSON parse, timestamped-store read-modify-write, 1 record; same settings)", "anchor");
        anchor(b, ledgerAnchor, "LEDGER ANCHOR (the anchor, and each event kept by eventId: a get and a put in an uncached logged store)",
                "ledger anchor");
        if (ledgerOverAnchorEventsPerSecond != null) {
            row(b, "ledger anchor/anchor", fmt("%.2f (events/s)", ledgerOverAnchorEventsPerSecond));
            b.append('\n');
        }
        if (lateBatch != null) {
            Pipeline l = lateBatch.absorbed();
            b.append(fmt("LATE BATCH (%d events dated %s..%s, fed after the history)%n", lateBatch.events(), lateBatch.from(), lateBatch.to()));
            row(b, "absorbed", fmt("%.0f events/s  (late/in-order = %.2f)", l.eventsPerSecond(), lateBatch.eventsPerSecondRatio()));
            row(b, "stream thread", fmt("%.3f ms/event  (late/in-order = %.2f)", l.streamThreadCpuMillisPerEvent(), lateBatch.streamThreadCpuRatio()));
            row(b, "broker writes", fmt("%.2f KiB/event, %.2f records sent/event", l.brokerKiBPerEvent(), l.recordsSentPerEvent()));
            row(b, "file sink log growth", fmt("%.3f KiB per late event (log/*.jsonl + log/*.csv, compression %s)",
                    lateBatch.fileSinkLogKiBPerEvent(), lateBatch.fileSinkLogCompression()));
            row(b, "JIT", jit(l));
            b.append('\n');
        }
        b.append("END-TO-END LATENCY (feed -> timeline record of the event's date, read_committed)\n");
        row(b, "markers", fmt("%d sent, %d received, %.0f/s", latency.sent(), latency.received(), latency.ratePerSecond()));
        row(b, "p50 / p95 / p99 / max", fmt("%.1f / %.1f / %.1f / %.1f ms", latency.p50Millis(), latency.p95Millis(), latency.p99Millis(), latency.maxMillis()));
        row(b, "JIT", jit(latency.jit()) + ", while the markers were sent and awaited");
        b.append('\n');
        if (sustained != null) {
            b.append(fmt("SUSTAINED RATE (%d events/s requested, first event of each new date timed)%n", sustained.requestedPerSecond()));
            row(b, "fed", fmt("%d events in %.1f s = %.0f/s", sustained.sent(), sustained.seconds(), sustained.sentPerSecond()));
            row(b, "sampled", fmt("%d sent, %d received", sustained.sampled(), sustained.received()));
            row(b, "p50 / p95 / p99 / max", fmt("%.1f / %.1f / %.1f / %.1f ms", sustained.p50Millis(), sustained.p95Millis(),
                    sustained.p99Millis(), sustained.maxMillis()));
            row(b, "JIT", jit(sustained.jit()) + ", while fed and awaited");
            b.append('\n');
        }
        b.append("HEAP (whole JVM incl. the embedded broker)\n");
        row(b, "peak used", fmt("%.0f MiB of max %.0f MiB", heap.peakUsedMiB(), heap.maxMiB()));
        return b.toString();
    }

    private static void anchor(StringBuilder b, Anchor anchor, String title, String name) {
        if (anchor == null) {
            return;
        }
        Pipeline a = anchor.app();
        b.append(title).append('\n');
        row(b, "throughput", fmt("%.0f events/s  (pipeline/%s = %.2f)", a.eventsPerSecond(), name, anchor.eventsPerSecondRatio()));
        row(b, "CPU ms/event", fmt("%.3f process, %.3f stream thread  (pipeline/%s = %.2f, %.2f)", a.cpuMillisPerEvent(),
                a.streamThreadCpuMillisPerEvent(), name, anchor.cpuRatio(), anchor.streamThreadCpuRatio()));
        row(b, "broker writes", fmt("%.2f KiB/event, %.2f records sent/event  (pipeline/%s = %.2f, %.2f)", a.brokerKiBPerEvent(),
                a.recordsSentPerEvent(), name, anchor.brokerBytesRatio(), anchor.recordsSentRatio()));
        row(b, "RocksDB threads", rocksdb(a));
        row(b, "JIT", jit(a));
        b.append('\n');
    }

    private static String rocksdb(Pipeline p) {
        return fmt("%.4f ms CPU/event (flushes and compactions in the background)", p.rocksdbThreadCpuMillisPerEvent());
    }

    private static String jit(Pipeline p) {
        return jit(p.jit()) + fmt(" over the %.2f s measured (compiler CPU = %.0f %% of a core)", p.seconds(),
                p.jit().compilerThreadCpuMillis() / 10 / p.seconds());
    }

    private static String jit(Jit j) {
        return fmt("compile %.0f ms, compiler threads' CPU %.0f ms", j.compileMillis(), j.compilerThreadCpuMillis());
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append(String.format(Locale.ROOT, "  %-24s %s%n", name, value));
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
