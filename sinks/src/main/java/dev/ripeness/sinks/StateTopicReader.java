package dev.ripeness.sinks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop every sink runs: reads the state topics in a consumer group, decodes
 * each batch and hands it to the sink, and commits the batch's offsets only after the sink
 * has stored it. A crash between the two replays the batch; sinks store idempotently
 * (upsert by key), so at-least-once delivery gives the same result as exactly-once.
 *
 * <p>When the sink fails (database down, disk full) nothing is committed: the loop rewinds
 * to the batch's first offsets and retries after a back-off, so no change is skipped.
 * A value that cannot be decoded is logged with its topic, partition and offset and skipped:
 * it stays in its topic, and the sink keeps running.
 */
public final class StateTopicReader implements AutoCloseable {

    /** Stores one batch of changes; throwing means "not stored", and the batch will come again. */
    @FunctionalInterface
    public interface BatchHandler {
        /** Stores {@code changes} (in topic order per partition) durably before returning. */
        void store(List<StateChange> changes) throws Exception;

        /** Called when a poll brought nothing: time for work put off while batches kept coming. */
        default void idle() throws Exception {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(StateTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(2);

    private final String name;
    private final SinkTopics topics;
    private final BatchHandler handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong stored = new AtomicLong();
    private final AtomicReference<Exception> lastFailure = new AtomicReference<>();

    private StateTopicReader(String name, Map<String, Object> clientConfig, String groupId, SinkTopics topics,
                             BatchHandler handler) {
        this.name = name;
        this.topics = topics;
        this.handler = handler;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + ProcessHandle.current().pid());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new sink starts from the beginning of the compacted topics: that is the whole current state.
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The pipeline writes state transactionally; aborted attempts must never reach a table.
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::loop, "ripeness-sink-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading {@code topics} in consumer group {@code groupId} on a thread of its own.
     *
     * @param name short name for the thread and logs ("postgres", "files")
     */
    public static StateTopicReader start(String name, Map<String, Object> clientConfig, String groupId,
                                         SinkTopics topics, BatchHandler handler) {
        StateTopicReader reader = new StateTopicReader(name, clientConfig, groupId, topics, handler);
        reader.thread.start();
        return reader;
    }

    /** Changes stored and committed so far (tombstones included, undecodable records not). */
    public long storedChanges() {
        return stored.get();
    }

    /** The sink's last failure, if its latest batch could not be stored. */
    public Optional<Exception> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    private void loop() {
        try {
            consumer.subscribe(topics.all());
            while (closing.getCount() > 0) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    try {
                        handler.idle();
                    } catch (Exception e) {
                        LOG.warn("{} sink: deferred work failed, retried when next idle: {}", name, e.toString());
                    }
                    continue;
                }
                List<StateChange> changes = decode(records);
                try {
                    handler.store(changes);
                } catch (Exception e) {
                    lastFailure.set(e);
                    LOG.error("{} sink could not store {} changes, retrying in {}s: {}", name, changes.size(),
                            RETRY_BACKOFF.toSeconds(), e.toString());
                    rewind(records);
                    closing.await(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                lastFailure.set(null);
                consumer.commitSync(nextOffsets(records));
                stored.addAndGet(changes.size());
            }
        } catch (WakeupException e) {
            // close() woke us up: leave the loop.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{} sink stopped: {}", name, e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    private List<StateChange> decode(ConsumerRecords<String, byte[]> records) {
        List<StateChange> changes = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            Optional<StateKind> kind = topics.kindOf(record.topic());
            if (kind.isEmpty()) {
                continue;
            }
            try {
                SpecificRecord value = kind.get().decode(record.topic(), record.value());
                changes.add(new StateChange(kind.get(), record.key(), value, record.topic(), record.partition(), record.offset()));
            } catch (RuntimeException e) {
                LOG.warn("{} sink skipped {}-{}@{} (key {}): {}; the record stays in its topic", name,
                        record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
            }
        }
        return changes;
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** Stops reading; the batch in hand is finished (stored and committed) or left for the next start. */
    @Override
    public void close() {
        closing.countDown();
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
