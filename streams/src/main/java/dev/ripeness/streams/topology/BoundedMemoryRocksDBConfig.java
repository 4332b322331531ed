package dev.ripeness.streams.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps RocksDB's off-heap memory (KAFKA-NOTES §6): every store of the process shares one
 * block cache and one write buffer manager charged to it, instead of ~50 MB per store and
 * partition. Sizes: {@code ripeness.rocksdb.total.bytes} (default 64 MiB), half of it
 * for memtables, each memtable at most a sixteenth of that half.
 */
public final class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

    /** Config key for the total off-heap budget in bytes. */
    public static final String TOTAL_BYTES_CONFIG = "ripeness.rocksdb.total.bytes";
    private static final long DEFAULT_TOTAL = 64L * 1024 * 1024;
    private static final long ARENA_BLOCK_BYTES = 64L * 1024;

    /**
     * A memtable holds at most this share of the memtable budget. Once all memtables together near
     * the budget, RocksDB flushes the memtable of whichever store is written next, however small:
     * with Kafka Streams' 16 MiB per memtable a few large ones filled the budget and every write
     * to another store flushed a file of a few KB (thousands per 100,000 events, each compacted
     * again). Memtables of 1/16 of the budget flush on their own, in files of that size, while the
     * hot stores of a few partitions together stay under it: RocksDB forces flushes at 7/8 of the
     * budget, about 14 full memtables, and each partition has three stores written per event or
     * per fold in bulk (docs/performance.md, "RocksDB's flushes").
     */
    static final int MEMTABLES_IN_BUDGET = 16;

    private static Cache cache;
    private static long memtableBudget;
    private static long writeBufferBytes;
    private static WriteBufferManager writeBufferManager;

    private static synchronized void init(long total) {
        if (cache == null) {
            cache = new LRUCache(total, -1, false, 0.1);
            memtableBudget = total / 2;
            writeBufferManager = new WriteBufferManager(memtableBudget, cache);
            writeBufferBytes = memtableBudget / MEMTABLES_IN_BUDGET;
        }
    }

    /** The memtable budget shared by every store of the process, once the first store is configured (0 before). */
    static synchronized long memtableBudgetBytes() {
        return memtableBudget;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object configured = configs.get(TOTAL_BYTES_CONFIG);
        init(configured == null ? DEFAULT_TOTAL : Long.parseLong(configured.toString()));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        // A memtable is charged by its arena blocks (default 1 MiB each) however little it holds:
        // with the pipeline's eight stores per partition, default blocks alone exceeded the shared
        // memtable budget, so every write asked for a flush — tiny SST files, constant flushing
        // and compaction, and writes stalled at each commit. Small blocks charge what is used.
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
        options.setTableFormatConfig(table);
        options.setWriteBufferSize(writeBufferBytes);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store: never close them here.
    }
}
