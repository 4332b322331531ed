package dev.ripeness.topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads a topic to its end, with a deadline: every committed record from the beginning to the end offsets as they
 * were when the read started, without a consumer group. The one way the commands and tools outside the pipeline
 * read a topic whole (the event log for duplicate checks, state topics, changelogs, the dead-letter topic).
 */
public final class TopicReader {

    /** How long a read may take unless the caller says otherwise. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);

    private TopicReader() {}

    /** The topic does not exist (it has no partitions). */
    public static final class NoSuchTopic extends IllegalStateException {
        NoSuchTopic(String topic) {
            super("topic " + topic + " does not exist (yet)");
        }
    }

    /** The read did not reach the end offsets before the deadline. */
    public static final class DeadlinePassed extends IllegalStateException {
        DeadlinePassed(String message) {
            super(message);
        }
    }

    /**
     * Hands each record of every partition of {@code topic} to {@code each}, in offset order within each partition
     * (partitions interleave), and returns how many it handed over.
     *
     * @throws NoSuchTopic when the topic does not exist
     * @throws DeadlinePassed when the end was not reached within {@code deadline}
     */
    public static long readToEnd(Map<String, Object> clientConfig, String topic, Duration deadline,
                                 Consumer<ConsumerRecord<byte[], byte[]>> each) {
        return readToEnd(clientConfig, topic, (byte[]) null, false, deadline, each);
    }

    /**
     * As {@link #readToEnd(Map, String, Duration, Consumer)}, but to the log's end open transactions included,
     * waiting for them to be decided (still handing over committed records only). What a duplicate check needs:
     * an event in a transaction still open (a killed feeder's, whose commit the broker completes after a restart)
     * may yet turn out committed, and must then count as in the log.
     */
    public static long readDecided(Map<String, Object> clientConfig, String topic, Duration deadline,
                                   Consumer<ConsumerRecord<byte[], byte[]>> each) {
        return readToEnd(clientConfig, topic, null, true, deadline, each);
    }

    /**
     * As {@link #readToEnd(Map, String, Duration, Consumer)}, but only the partition that holds {@code key}'s records
     * under the default partitioner: the cost of one key is that of its partition, not of the whole topic.
     */
    public static long readPartitionOf(Map<String, Object> clientConfig, String topic, String key, Duration deadline,
                                       Consumer<ConsumerRecord<byte[], byte[]>> each) {
        return readToEnd(clientConfig, topic, key.getBytes(StandardCharsets.UTF_8), false, deadline, each);
    }

    private static long readToEnd(Map<String, Object> clientConfig, String topic, byte[] key, boolean decided, Duration deadline,
                                  Consumer<ConsumerRecord<byte[], byte[]>> each) {
        long until = System.nanoTime() + deadline.toNanos();
        try {
            return read(clientConfig, topic, key, decided, deadline, until, each);
        } catch (TimeoutException e) {
            throw new DeadlinePassed("topic " + topic + " not read to its end within " + deadline + " (" + e.getMessage()
                    + "); is the broker reachable and the topic readable?");
        } catch (AuthenticationException e) {
            throw ClusterAccess.diagnose(clientConfig, e, Map.of());
        }
    }

    private static long read(Map<String, Object> clientConfig, String topic, byte[] key, boolean decided, Duration deadline,
                             long until, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readerConfig(clientConfig),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = partitions(consumer, clientConfig, topic, deadline, until);
            int count = infos == null ? 0 : infos.size();
            List<TopicPartition> partitions = infos == null ? List.of() : infos.stream()
                    .filter(p -> key == null || p.partition() == Utils.toPositive(Utils.murmur2(key)) % count)
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new NoSuchTopic(topic);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = decided ? logEnd(clientConfig, partitions, remaining(until, topic, deadline))
                    : consumer.endOffsets(partitions, remaining(until, topic, deadline));
            long handed = 0;
            while (true) {
                TopicPartition behind = null;
                for (TopicPartition p : partitions) {
                    if (consumer.position(p, remaining(until, topic, deadline)) < end.get(p)) {
                        behind = p;
                        break;
                    }
                }
                if (behind == null) {
                    return handed;
                }
                if (System.nanoTime() > until) {
                    throw new DeadlinePassed("topic " + topic + " not read to its end within " + deadline + ": partition "
                            + behind.partition() + " at offset " + consumer.position(behind) + " of " + end.get(behind)
                            + (decided ? " (a transaction open there may not be decided yet)" : "")
                            + "; is the broker reachable and the topic readable?");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                        handed++;
                    }
                }
            }
        }
    }

    /**
     * The topic's partitions. A first answer that takes longer than {@link ClusterAccess#CONTACT_LIMIT} is
     * diagnosed: a broker that closes this client's connections (no credentials) or none listening fails now,
     * not at the deadline; a slow one gets the rest of it.
     */
    private static List<PartitionInfo> partitions(KafkaConsumer<byte[], byte[]> consumer, Map<String, Object> clientConfig,
                                                  String topic, Duration deadline, long until) {
        Duration left = remaining(until, topic, deadline);
        if (left.compareTo(ClusterAccess.CONTACT_LIMIT) <= 0) {
            return consumer.partitionsFor(topic, left);
        }
        try {
            return consumer.partitionsFor(topic, ClusterAccess.CONTACT_LIMIT);
        } catch (TimeoutException e) {
            ClusterAccess.Refused refused = ClusterAccess.diagnose(clientConfig, e, consumer.metrics());
            if (refused != null) {
                throw refused;
            }
            return consumer.partitionsFor(topic, remaining(until, topic, deadline));
        }
    }

    /** The partitions' end offsets, records of open transactions included (a read_uncommitted view). */
    private static Map<TopicPartition, Long> logEnd(Map<String, Object> clientConfig, List<TopicPartition> partitions, Duration left) {
        Map<String, Object> config = readerConfig(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> ends = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return ends.endOffsets(partitions, left);
        }
    }

    /** The latest value per key (UTF-8, null key as "") of {@code topic}, sorted by key: a compacted topic's view. */
    public static TreeMap<String, byte[]> latestByKey(Map<String, Object> clientConfig, String topic, Duration deadline) {
        TreeMap<String, byte[]> latest = new TreeMap<>();
        readToEnd(clientConfig, topic, deadline, r -> {
            String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                latest.remove(key);
            } else {
                latest.put(key, r.value());
            }
        });
        return latest;
    }

    private static Map<String, Object> readerConfig(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        // The pipeline writes in transactions: never hand over a record of an aborted one.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // A reader never creates the topic it asks about.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }

    private static Duration remaining(long until, String topic, Duration deadline) {
        long left = until - System.nanoTime();
        if (left <= 0) {
            throw new DeadlinePassed("topic " + topic + " not read to its end within " + deadline
                    + "; is the broker reachable and the topic readable?");
        }
        return Duration.ofNanos(left);
    }
}
