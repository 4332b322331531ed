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
 * partition. Sizes: {@code ripeness.rocksdb.total.bytes} (default 64 MiB), a quarter of it
 * for memtables.
 */
public final class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

    /** Config key for the total off-heap budget in bytes. */
    public static final String TOTAL_BYTES_CONFIG = "ripeness.rocksdb.total.bytes";
    private static final long DEFAULT_TOTAL = 64L * 1024 * 1024;
    private static final long ARENA_BLOCK_BYTES = 64L * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    private static synchronized void init(long total) {
        if (cache == null) {
            cache = new LRUCache(total, -1, false, 0.1);
            writeBufferManager = new WriteBufferManager(total / 4, cache);
        }
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
        // with the pipeline's nine stores per partition, default blocks alone exceeded the shared
        // memtable budget, so every write asked for a flush — tiny SST files, constant flushing
        // and compaction, and writes stalled at each commit. Small blocks charge what is used.
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
        options.setTableFormatConfig(table);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store: never close them here.
    }
}
