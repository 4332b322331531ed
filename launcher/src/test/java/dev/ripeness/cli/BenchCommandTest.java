package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripeness.bench.endtoend.BenchSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ripeness bench} end to end on its own embedded broker, with a tiny load. No timing is asserted. */
class BenchCommandTest {

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return Ripeness.commandLine().execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The settings {@code ripeness <args>} would run the bench with, without running it. */
    private static BenchSettings parsed(String... args) {
        CommandLine.ParseResult parsed = Ripeness.commandLine().parseArgs(args);
        return ((BenchCommand) parsed.subcommand().commandSpec().userObject()).settings();
    }

    @Test
    void shouldWarmUpOnTwentyThousandEventsOrTheRunsOwnCountUnlessToldOtherwise() {
        assertThat(parsed("bench").warmupEvents()).as("default run of 100,000 events").isEqualTo(20_000);
        assertThat(parsed("bench", "--events=500").warmupEvents()).as("never more than the measured run").isEqualTo(500);
        assertThat(parsed("bench", "--events=500", "--warmup-events=1234").warmupEvents()).isEqualTo(1234);
        assertThat(parsed("bench", "--warmup-events", "0").warmup()).as("0: today's cold measurement").isEmpty();
    }

    /** Runs {@code ripeness <args>}, expects exit code 2 (a user error) and returns what it wrote to stderr. */
    private static String refused(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(out, err, args)).as("exit code; stdout: %s", out).isEqualTo(2);
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRefuseANegativeWarmupWithExitCodeTwo() {
        assertThat(refused("bench", "--events=10", "--warmup-events=-1")).contains("--warmup-events must not be negative");
    }

    @Test
    @Tag("integration") // runs the bench on its embedded broker
    void shouldReportEverySectionWithConsistentCountsWhenRunOnATinyLoad() throws Exception {
        // Given a tiny run: 500 events with late ones, 2 conflicts, 20 markers, 2 s of 100 events/s, after a warm-up of 200 events
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // When bench runs with --json
        int code = run(out, err, "bench", "--events=500", "--conflicts=2", "--late-share=0.1", "--markers=20",
                "--marker-rate=50", "--partitions=2", "--events-per-day=10", "--anchor", "--sustained-rate=100",
                "--sustained-seconds=2", "--warmup-events=200", "--json");

        // Then it succeeds and every section is there with sane values
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode ingest = report.path("ingest");
        assertThat(ingest.path("generated").asLong()).isEqualTo(500);
        assertThat(ingest.path("late").asLong()).isPositive();
        assertThat(ingest.path("accepted").asLong()).isEqualTo(500);
        assertThat(ingest.path("rejected").asLong()).isZero();
        assertThat(ingest.path("rawEvents").asLong()).isEqualTo(500);
        assertThat(ingest.path("feedEventsPerSecond").asDouble()).isPositive();
        assertThat(ingest.path("rawEventsPerSecond").asDouble()).isPositive();

        JsonNode pipeline = report.path("pipeline");
        assertThat(pipeline.path("processed").asLong()).as("events processed = events fed").isEqualTo(500);
        assertThat(pipeline.path("offsetsCommittedToEnd").asBoolean()).isTrue();
        assertThat(pipeline.path("eventsPerSecond").asDouble()).isPositive().isFinite();
        assertThat(pipeline.path("decileEventsPerSecond")).hasSize(10);
        pipeline.path("decileEventsPerSecond").forEach(d -> assertThat(d.asDouble()).isPositive().isFinite());
        assertThat(pipeline.path("lastOverFirst").asDouble()).isPositive().isFinite();
        assertThat(pipeline.path("cpuMillisPerEvent").asDouble()).isPositive().isFinite();
        assertThat(pipeline.path("decileCpuMillisPerEvent")).hasSize(10);
        assertThat(pipeline.path("decileStreamThreadCpuMillisPerEvent")).hasSize(10);
        // The fold runs per punctuation, so on a tiny load a tenth of the events can pass with no fold in it: zero, never negative
        pipeline.path("decileStreamThreadCpuMillisPerEvent").forEach(d -> assertThat(d.asDouble()).isNotNegative().isFinite());
        assertThat(pipeline.path("streamThreadCpuMillisPerEvent").asDouble()).isPositive();
        // RocksDB's background threads: read on Linux (this test's platform), zero when nothing was flushed
        assertThat(pipeline.path("rocksdbThreadCpuMillisPerEvent").isNumber()).isTrue();
        assertThat(pipeline.path("rocksdbThreadCpuMillisPerEvent").asDouble()).isNotNegative().isFinite();

        assertThat(pipeline.path("brokerKiBPerEvent").asDouble()).as("the pipeline writes to the broker").isPositive();
        assertThat(pipeline.path("recordsSentPerEvent").asDouble()).isPositive();

        JsonNode anchor = report.path("anchor");
        assertThat(anchor.path("app").path("processed").asLong()).as("the anchor app read the same events").isEqualTo(500);
        assertThat(anchor.path("app").path("offsetsCommittedToEnd").asBoolean()).isTrue();
        assertThat(anchor.path("app").path("recordsSentPerEvent").asDouble()).as("one output record per event, at least")
                .isGreaterThanOrEqualTo(1.0);
        assertThat(anchor.path("eventsPerSecondRatio").asDouble()).isPositive().isFinite();
        assertThat(anchor.path("brokerBytesRatio").asDouble()).isPositive().isFinite();
        JsonNode ledger = report.path("ledgerAnchor");
        assertThat(ledger.path("app").path("processed").asLong()).as("the ledger anchor read the same events").isEqualTo(500);
        assertThat(ledger.path("app").path("offsetsCommittedToEnd").asBoolean()).isTrue();
        assertThat(ledger.path("app").path("recordsSentPerEvent").asDouble())
                .as("one output record and one changelog record of the event's own row per event, at least").isGreaterThanOrEqualTo(2.0);
        assertThat(ledger.path("eventsPerSecondRatio").asDouble()).isPositive().isFinite();
        assertThat(report.path("ledgerOverAnchorEventsPerSecond").asDouble()).isPositive().isFinite();
        assertThat(report.path("setup").path("eventsPerDay").asDouble()).isEqualTo(10.0);

        JsonNode latency = report.path("latency");
        assertThat(latency.path("sent").asInt()).isEqualTo(20);
        assertThat(latency.path("received").asInt()).as("every marker's timeline record arrived").isEqualTo(20);
        double p50 = latency.path("p50Millis").asDouble();
        double p95 = latency.path("p95Millis").asDouble();
        double p99 = latency.path("p99Millis").asDouble();
        assertThat(p50).isPositive();
        assertThat(p95).isGreaterThanOrEqualTo(p50);
        assertThat(p99).isGreaterThanOrEqualTo(p95);
        assertThat(latency.path("maxMillis").asDouble()).isGreaterThanOrEqualTo(p99);

        JsonNode sustained = report.path("sustained");
        assertThat(sustained.path("sent").asLong()).isEqualTo(200);
        assertThat(sustained.path("sampled").asInt()).as("a first event per new conflict-date").isPositive();
        assertThat(sustained.path("received").asInt()).as("every sampled date's timeline record arrived")
                .isEqualTo(sustained.path("sampled").asInt());
        assertThat(sustained.path("p99Millis").asDouble()).isGreaterThanOrEqualTo(sustained.path("p50Millis").asDouble());

        // The warm-up ran every phase on its own broker: the measured apps read only the measured run's events (above)
        JsonNode warmup = report.path("warmup");
        assertThat(report.path("setup").path("warmupEvents").asLong()).isEqualTo(200);
        assertThat(warmup.path("events").asLong()).isEqualTo(200);
        assertThat(warmup.path("seconds").asDouble()).isPositive();
        assertThat(warmup.path("pipelineEventsPerSecond").asDouble()).isPositive().isFinite();
        assertThat(warmup.path("anchorEventsPerSecond").asDouble()).isPositive().isFinite();
        // The JIT's work in every phase: HotSpot's compile time and (on Linux) its compiler threads' CPU, never negative
        for (JsonNode jit : List.of(warmup.path("jit"), warmup.path("pipelineJit"), warmup.path("anchorJit"), ingest.path("feedJit"),
                ingest.path("rawJit"), pipeline.path("jit"), anchor.path("app").path("jit"), latency.path("jit"), sustained.path("jit"))) {
            for (String field : List.of("compileMillis", "compilerThreadCpuMillis")) {
                assertThat(jit.path(field).isNumber()).as("%s a number: %s", field, jit).isTrue();
                assertThat(jit.path(field).asDouble()).as("%s: %s", field, jit).isNotNegative();
            }
        }

        JsonNode heap = report.path("heap");
        assertThat(heap.path("peakUsedMiB").asDouble()).isPositive().isLessThanOrEqualTo(heap.path("maxMiB").asDouble());
        assertThat(report.path("setup").path("processingGuarantee").asText()).isEqualTo("exactly_once_v2");
    }

    @Test
    void shouldRefuseAnExternalClusterWhenBootstrapServersIsGiven() {
        // Given a cluster address, When bench is asked to use it,
        // Then it refuses (exit code 2) with one line naming why and what to do, before touching any cluster
        assertThat(refused("bench", "--bootstrap-servers=localhost:1", "--events=10"))
                .contains("embedded broker").contains("without --bootstrap-servers");
    }
}
