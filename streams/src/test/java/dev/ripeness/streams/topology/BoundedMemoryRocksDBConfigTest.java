package dev.ripeness.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The shared memtable budget must not turn into a flush per write. RocksDB flushes the memtable
 * of whichever store is written once all memtables together near the budget, so when one store
 * could hold most of the budget (Kafka Streams gives each memtable 16 MiB), every write to
 * another store flushed a file of a few KB: hundreds to thousands of flushes per 100,000 events
 * (docs/performance.md, "RocksDB's flushes"). Real RocksDB stores, configured the way Kafka
 * Streams opens the pipeline's stores, then by {@link BoundedMemoryRocksDBConfig}.
 */
class BoundedMemoryRocksDBConfigTest {

    private static final long STREAMS_WRITE_BUFFER_BYTES = 16L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void writesToLargeStoresDoNotMakeEveryWriteToASmallStoreFlush() throws Exception {
        RocksDB.loadLibrary();
        List<AutoCloseable> open = new ArrayList<>();
        try {
            // Given: three stores of large values (a day's outputs are ~30 KB; three partitions), each
            // written with 29 % of the memtable budget: together just under RocksDB's flush threshold
            // (7/8 of the budget), as a commit's writes leave them
            List<RocksDB> large = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                large.add(openStore("day-outputs", "outputs-" + p, open));
            }
            long budget = BoundedMemoryRocksDBConfig.memtableBudgetBytes();
            byte[] value = new byte[30_000];
            for (RocksDB db : large) {
                for (int i = 0; i < budget * 29 / 100 / value.length; i++) {
                    db.put(key(i), value);
                }
            }
            // When: a store of small rows (an event's row) takes 2 MB of them, or more when one memtable holds more
            RocksDB events = openStore("events-by-id", "events", open);
            byte[] row = new byte[100];
            long rows = Math.max(20_000, budget / BoundedMemoryRocksDBConfig.MEMTABLES_IN_BUDGET * 13 / 10 / row.length);
            for (int i = 0; i < rows; i++) {
                events.put(key(i), row);
            }
            for (RocksDB db : large) {
                awaitFlushes(db);
            }
            awaitFlushes(events);

            // Then: the small store flushed a few files at most, not one every few rows (with a quarter
            // of the cache as budget and Kafka Streams' 16 MiB memtables: 43 files of ~50 KB)
            long ownFlushes = rows * row.length / (budget / BoundedMemoryRocksDBConfig.MEMTABLES_IN_BUDGET);
            assertThat(level0Files(events)).as("flushes of the store of small rows").isLessThanOrEqualTo(ownFlushes + 2);
        } finally {
            Collections.reverse(open);
            for (AutoCloseable c : open) {
                c.close();
            }
        }
    }

    private RocksDB openStore(String store, String name, List<AutoCloseable> open) throws RocksDBException {
        Options options = pipelineOptions(store);
        open.add(options);
        RocksDB db = RocksDB.open(options, dir.resolve(name).toString());
        open.add(db);
        return db;
    }

    /** The options as Kafka Streams hands them to the config setter (its memtable size among them), then the setter's. */
    private static Options pipelineOptions(String store) {
        Options options = new Options().setCreateIfMissing(true);
        options.setTableFormatConfig(new BlockBasedTableConfig());
        options.setWriteBufferSize(STREAMS_WRITE_BUFFER_BYTES);
        options.setMaxWriteBufferNumber(3);
        new BoundedMemoryRocksDBConfig().setConfig(store, options, Map.of());
        // Every flush stays a level-0 file, so the files count the flushes.
        options.setDisableAutoCompactions(true);
        return options;
    }

    private static byte[] key(int i) {
        return String.format("key-%08d", i).getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitFlushes(RocksDB db) {
        // Unfinished flushes would leave fewer files to count: the test fails rather than count early.
        await("RocksDB's flushes to finish").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> db.getLongProperty("rocksdb.mem-table-flush-pending") == 0
                        && db.getLongProperty("rocksdb.num-running-flushes") == 0);
    }

    private static long level0Files(RocksDB db) throws RocksDBException {
        return Long.parseLong(db.getProperty("rocksdb.num-files-at-level0").trim());
    }
}
