package dev.ripeness.streams;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.topology.BoundedMemoryRocksDBConfig;
import dev.ripeness.streams.topology.PipelineTopics;
import dev.ripeness.streams.topology.PipelineTopology;
import dev.ripeness.streams.topology.StoreNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ripeness pipeline as a Kafka Streams application: its topology, its configuration,
 * and a small lifecycle wrapper ({@link #start}, {@link #awaitRunning}, {@link #close}).
 */
public final class RipenessPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RipenessPipeline.class);

    /**
     * Application id of the live pipeline ({@code ripeness run}); its stores and changelogs are
     * named after it, and {@code ripeness replay} rebuilds or compares against it.
     */
    public static final String LIVE_APPLICATION_ID = "ripeness-pipeline";

    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);

    private RipenessPipeline(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The topology: see {@link PipelineTopology}. */
    public static Topology topology(ConflictCatalog catalog, ModelConfig model) {
        return PipelineTopology.build(catalog, model);
    }

    /** The topology of a side run: other output topics, a subset of the log (see {@link PipelineTopology}). */
    public static Topology topology(ConflictCatalog catalog, ModelConfig model, PipelineTopics topics, Predicate<Event> accept) {
        return PipelineTopology.build(catalog, model, topics, accept);
    }

    /**
     * Streams configuration: exactly-once v2, explicit naming enforced, bounded RocksDB
     * memory, handlers that log and continue (bad records are dead-lettered inside the
     * processor). {@code clientOverrides} (e.g. from {@code --kafka-config}, or
     * {@code application.server}) win over these defaults.
     */
    public static Properties config(String bootstrap, String applicationId, Path stateDir,
                                    Map<String, Object> clientOverrides) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 8L * 1024 * 1024);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // A burst of late events re-folds many dates between two commits: give the transaction
        // room (the streams default of 10 s fenced a bench run with 5 % late events).
        p.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), 60_000);
        // Changelog and state records are Avro with many repeated names: lz4 cuts what the
        // broker stores and replicates several times over, for little CPU.
        p.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        // A commit that follows the previous one within a few ms finds that transaction still writing
        // its markers: the coordinator answers CONCURRENT_TRANSACTIONS and the producer retries after
        // retry.backoff.ms, 100 ms by default, with the stream thread blocked in sendOffsetsToTransaction.
        // At 1,000 events/s that was about one commit in 25 and most of the p99 latency (docs/performance.md,
        // "Issue 9: latency at 1,000 events/s"). Kafka's own client retries that answer to AddPartitionsToTxn
        // after 20 ms; repeated failures still back off exponentially up to retry.backoff.max.ms.
        // Only when the user set neither form: Streams lets the prefixed one win over a plain retry.backoff.ms.
        if (clientOverrides == null || (!clientOverrides.containsKey(ProducerConfig.RETRY_BACKOFF_MS_CONFIG)
                && !clientOverrides.containsKey(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG)))) {
            p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        }
        Object guarantee = clientOverrides == null ? null : clientOverrides.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        if (guarantee != null && !StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee.toString())) {
            // The stores send an event's rows to their changelogs at once and its dirty mark at the commit:
            // only exactly-once restores both or neither after a crash (docs/streams.md).
            throw new IllegalArgumentException(StreamsConfig.PROCESSING_GUARANTEE_CONFIG + "=" + guarantee
                    + " is not supported: the pipeline's state is consistent after a crash only with "
                    + StreamsConfig.EXACTLY_ONCE_V2 + "; remove the setting");
        }
        if (clientOverrides != null) {
            clientOverrides.forEach((k, v) -> {
                if (v != null) {
                    p.put(k, v);
                }
            });
        }
        if (clientOverrides == null || !clientOverrides.containsKey(StreamsConfig.POLL_MS_CONFIG)) {
            // The fold is a wall-clock punctuation, and Streams punctuates only between polls: with the
            // default poll.ms (100) a fold due after a lone event waits for the next record or 100 ms.
            Object fold = p.get(PipelineTopology.FOLD_INTERVAL_CONFIG);
            p.put(StreamsConfig.POLL_MS_CONFIG, Math.min(100L,
                    fold == null ? PipelineTopology.DEFAULT_FOLD_INTERVAL_MS : Long.parseLong(fold.toString())));
        }
        return p;
    }

    /** Creates and starts the application; returns at once (see {@link #awaitRunning}). */
    public static RipenessPipeline start(ConflictCatalog catalog, ModelConfig model, Properties config) {
        return start(topology(catalog, model), config);
    }

    /**
     * Creates and starts the application on the given topology (e.g. a side run's, see
     * {@link #topology(ConflictCatalog, ModelConfig, PipelineTopics, Predicate)}); returns at once.
     */
    public static RipenessPipeline start(Topology topology, Properties config) {
        KafkaStreams streams = new KafkaStreams(topology, config);
        RipenessPipeline pipeline = new RipenessPipeline(streams);
        streams.setStateListener((now, before) -> {
            LOG.info("pipeline {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                pipeline.running.countDown();
            }
        });
        streams.start();
        return pipeline;
    }

    /** Waits until the application first reaches RUNNING; false on timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The running application, for queries ({@code KafkaStreamsStateQueries}). */
    public KafkaStreams streams() {
        return streams;
    }

    /**
     * Conflicts that events marked dirty and the fold has not yet re-folded, over this
     * instance's partitions; -1 while a store cannot be read (starting, rebalancing). Zero
     * after the event log was consumed means every state record of those events has been sent
     * (and is visible to read_committed consumers after the next commit, or a clean close).
     */
    public long pendingFolds() {
        try {
            StateQueryResult<KeyValueIterator<String, byte[]>> result = streams.query(
                    StateQueryRequest.inStore(StoreNames.DIRTY).withQuery(RangeQuery.<String, byte[]>withNoBounds()));
            long pending = 0;
            for (QueryResult<KeyValueIterator<String, byte[]>> partition : result.getPartitionResults().values()) {
                if (!partition.isSuccess()) {
                    return -1;
                }
                try (KeyValueIterator<String, byte[]> it = partition.getResult()) {
                    while (it.hasNext()) {
                        it.next();
                        pending++;
                    }
                }
            }
            return pending;
        } catch (StreamsException | IllegalStateException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        // Leave the group at once: other instances take the partitions over without waiting for
        // the session timeout.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}
