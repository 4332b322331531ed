package dev.ripeness.streams.topology;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.event.EventJson;
import dev.ripeness.producers.generate.EventGenerator;
import dev.ripeness.schema.Event;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A measurement run by hand, not a test (surefire runs it only when named with {@code -Dtest}):
 * the stream thread's CPU per conflict-date of {@link RipenessProcessor}'s fold — the
 * punctuation over RocksDB stores (no record cache, no changelog, no Kafka client, no commit)
 * — beside that of {@code process} per event, on the bench's generated events (3 conflicts,
 * {@code -Dharness.perDay} events per conflict-day, default 100; {@code -Dharness.events},
 * default 60,000), folded every {@code -Dharness.batch} events (default 30,000: a catch-up
 * fold of the bench). Several passes over fresh stores, the first ones warming the JIT, so that
 * the last ones compare with the model's JMH fold of one date (docs/performance.md, "Issue 9:
 * the pipeline's fold against the model's").
 */
class FoldCostHarness {

    @Test
    void measure() throws Exception {
        long events = Long.getLong("harness.events", 60_000);
        int perDay = Integer.getInteger("harness.perDay", 100);
        int batch = Integer.getInteger("harness.batch", 30_000);
        int passes = Integer.getInteger("harness.passes", 8);
        Path dir = Files.createTempDirectory("ripeness-fold-harness");
        EventGenerator generator = new EventGenerator(new EventGenerator.Settings(events, 3, 1, 0, 0, 0,
                EventGenerator.Settings.spanFor(events, 3, perDay)));
        generator.writeConflicts(dir.resolve("conf"));
        StringWriter out = new StringWriter();
        generator.write(out);
        ConflictCatalog catalog = ConflictCatalog.load(dir.resolve("conf"));
        List<String> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        Set<String> conflictDates = new HashSet<>();
        for (String line : out.toString().split("\n")) {
            Event e = EventJson.parse(line);
            keys.add(e.getConflict());
            values.add(Codecs.EVENT.encode(e));
            conflictDates.add(e.getConflict() + "|" + e.getDate());
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass < passes; pass++) {
            long now = System.currentTimeMillis();
            TestStores.Driven driven = TestStores.Driven.over(Files.createTempDirectory(dir, "state"), catalog, now);
            MockProcessorContext<String, byte[]> context = driven.context();
            RipenessProcessor processor = driven.processor();
            long processing = 0;
            long folding = 0;
            long folds = 0;
            long sent = 0;
            for (int i = 0; i < values.size(); i++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                processor.process(new Record<>(keys.get(i), values.get(i), now));
                processing += cpu.getCurrentThreadCpuTime() - t0;
                if ((i + 1) % batch == 0 || i + 1 == values.size()) {
                    now += 1_000;
                    context.setCurrentSystemTimeMs(now);
                    long t1 = cpu.getCurrentThreadCpuTime();
                    for (MockProcessorContext.CapturedPunctuator p : context.scheduledPunctuators()) {
                        if (!p.cancelled()) {
                            p.getPunctuator().punctuate(now);
                            folds++;
                        }
                    }
                    folding += cpu.getCurrentThreadCpuTime() - t1;
                    sent += context.forwarded().size();
                    context.resetForwards();
                }
            }
            System.out.printf("pass %d: process %.4f ms per event; fold %.3f ms per conflict-date (%d events, %d conflict-dates,"
                            + " %d punctuations, %d records sent)%n", pass, processing / 1e6 / values.size(),
                    folding / 1e6 / conflictDates.size(), values.size(), conflictDates.size(), folds, sent);
            driven.stores().forEach(KeyValueStore::close);
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
