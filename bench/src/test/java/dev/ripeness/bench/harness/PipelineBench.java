package dev.ripeness.bench.harness;

import dev.ripeness.schema.Event;
import dev.ripeness.streams.RipenessPipeline;
import dev.ripeness.streams.TestEvents;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.topology.Codecs;
import dev.ripeness.streams.topology.StoreNames;
import dev.ripeness.topics.Topic;
import dev.ripeness.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Rough cost of the real topology under TopologyTestDriver (RocksDB stores, no broker):
 * in-order synthetic events, three a day, of every kind the model folds; per-event time at
 * the start and at the end of the history, then single late events at growing depth.
 * Not a test: run by hand (docs/streams.md gives the command). Arguments: event counts.
 */
public final class PipelineBench {

    /** More than the fold interval: advancing the driver's wall clock this much runs the fold. */
    private static final java.time.Duration FOLD = java.time.Duration.ofHours(1);

    public static void main(String[] args) throws Exception {
        for (String arg : args.length == 0 ? new String[] {"10000", "100000"} : args) {
            run(Integer.parseInt(arg));
        }
    }

    private static void run(int n) throws Exception {
        Path dir = Files.createTempDirectory("ripeness-bench");
        try (TopologyTestDriver driver = new TopologyTestDriver(RipenessPipeline.topology(TestEvents.catalog(), ModelConfig.bundled()),
                RipenessPipeline.config("unused:9092", "bench", dir, Map.of()))) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(Topics.EVENTS.name(), new StringSerializer(),
                    new ByteArraySerializer());
            List<TestOutputTopic<String, byte[]>> outs = new ArrayList<>();
            for (Topic<?, ?> t : Topics.all()) {
                if (!t.equals(Topics.EVENTS)) {
                    outs.add(driver.createOutputTopic(t.name(), new StringDeserializer(), new ByteArrayDeserializer()));
                }
            }
            // The driver keeps every changelog record too: drain them like the outputs.
            for (String store : StoreNames.ALL) {
                outs.add(driver.createOutputTopic("bench-" + store + "-changelog", new StringDeserializer(),
                        new ByteArrayDeserializer()));
            }
            Random random = new Random(42);
            LocalDate start = LocalDate.parse("2030-01-01");
            int block = Math.max(1000, n / 10);
            long begin = System.nanoTime();
            long blockStart = begin;
            double firstBlockUs = 0;
            double lastBlockUs = 0;
            for (int i = 0; i < n; i++) {
                in.pipeInput(TestEvents.CONFLICT, Codecs.EVENT.encode(synthetic(i, start.plusDays(i / 3), random)));
                if ((i + 1) % 100 == 0) {
                    driver.advanceWallClockTime(FOLD); // the fold runs on wall-clock time; here every 100 events
                }
                if ((i + 1) % 1000 == 0) {
                    outs.forEach(TestOutputTopic::readRecordsToList); // keep the driver's output queues from growing
                }
                if ((i + 1) % block == 0) {
                    long now = System.nanoTime();
                    double us = (now - blockStart) / 1000.0 / block;
                    if (i + 1 == block) {
                        firstBlockUs = us;
                    }
                    lastBlockUs = us;
                    blockStart = now;
                }
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            System.out.printf(Locale.ROOT, "%d in-order events: %.1f s, %.0f events/s; per event %.0f us in the first %d, %.0f us in the last %d%n",
                    n, seconds, n / seconds, firstBlockUs, block, lastBlockUs, block);
            LocalDate last = start.plusDays((n - 1) / 3);
            for (int daysBack : new int[] {1, 30, 365}) {
                long t = System.nanoTime();
                in.pipeInput(TestEvents.CONFLICT, Codecs.EVENT.encode(TestEvents.event("late-" + daysBack,
                        last.minusDays(daysBack).toString(), "NOR", "NEGOTIATION_ROUND").build()));
                driver.advanceWallClockTime(FOLD);
                outs.forEach(TestOutputTopic::readRecordsToList);
                System.out.printf(Locale.ROOT, "  late event %d days back (%d event dates re-folded): %.1f ms%n", daysBack,
                        daysBack + 1, (System.nanoTime() - t) / 1e6);
            }
        }
    }

    private static Event synthetic(int i, LocalDate date, Random random) {
        return PipelineBenchEvents.synthetic(i, date, random);
    }
}
