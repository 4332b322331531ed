package dev.ripeness.streams.topology;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.event.EventJson;
import dev.ripeness.schema.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A measurement run by hand, not a test (surefire runs it only when named with {@code -Dtest}):
 * the stream thread's CPU per event of {@link RipenessProcessor#process} alone — decode, the
 * ledger over RocksDB stores (no record cache, no changelog), the dirty mark — with no fold,
 * no Kafka client and no commit. {@code -Dharness.dir=DIR} names a directory holding the
 * output of {@code ripeness generate --out DIR/events.jsonl --conflicts-dir DIR/conf}; six
 * passes over fresh stores, the first ones warming the JIT (docs/performance.md, "Issue 9:
 * per-event processor work").
 */
class ProcessCostHarness {

    @Test
    void measure() throws Exception {
        String dirName = System.getProperty("harness.dir");
        if (dirName == null) {
            throw new IllegalArgumentException("-Dharness.dir=DIR: a directory with events.jsonl and conf/ from `ripeness generate`");
        }
        Path dir = Path.of(dirName);
        ConflictCatalog catalog = ConflictCatalog.load(dir.resolve("conf"));
        List<String> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("events.jsonl"))) {
            Event e = EventJson.parse(line);
            keys.add(e.getConflict());
            values.add(Codecs.EVENT.encode(e));
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass < 6; pass++) {
            Path state = Files.createTempDirectory("ripeness-harness");
            long now = System.currentTimeMillis();
            TestStores.Driven driven = TestStores.Driven.over(state, catalog, now);
            RipenessProcessor processor = driven.processor();
            long started = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < values.size(); i++) {
                processor.process(new Record<>(keys.get(i), values.get(i), now));
            }
            long used = cpu.getCurrentThreadCpuTime() - started;
            System.out.printf("pass %d: %.4f ms thread CPU per event, %d events%n", pass, used / 1e6 / values.size(), values.size());
            driven.stores().forEach(KeyValueStore::close);
            try (var paths = Files.walk(state)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
