package dev.ripeness.api.live;

import dev.ripeness.schema.json.AvroJson;
import dev.ripeness.topics.Topic;
import dev.ripeness.topics.Topics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live state changes read from the state topics of the catalog ({@link Topics#state()}) but
 * the timeline, by one plain consumer on its own thread. The timeline is left out: its
 * records are past dates, and a browser reloads the series when the assessment changes.
 *
 * <p>The consumer is assigned every partition and starts at the end: a browser that
 * connects loads the current state over the API and wants only what changes after. No
 * consumer group (nothing to commit, nothing to rebalance), so every instance of the API
 * pushes every change and a browser can stay connected to any of them.
 */
public final class KafkaStateChanges implements StateChanges, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStateChanges.class);

    /** The relayed topics by name. */
    private static final Map<String, Topic<?, ?>> TOPICS = Topics.state().stream()
            .filter(t -> t != Topics.ASSESSMENT_TIMELINE)
            .collect(Collectors.toUnmodifiableMap(Topic::name, t -> t));

    private final StateChangeHub hub = new StateChangeHub();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile long lag = -1;
    private volatile boolean running = true;

    private KafkaStateChanges(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ripeness-live-push");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // The pipeline writes state in transactions: push only what was committed, never a value an abort takes back.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(config);
        this.thread = new Thread(this::run, "ripeness-live-push");
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading the state topics from their current ends.
     *
     * @param clientConfig Kafka client properties, at least {@code bootstrap.servers}
     */
    public static KafkaStateChanges start(Map<String, Object> clientConfig) {
        KafkaStateChanges changes = new KafkaStateChanges(clientConfig);
        changes.thread.start();
        return changes;
    }

    /** Waits until the consumer sits at the topics' ends, so that a change produced afterwards is delivered. */
    public boolean awaitPositioned(Duration timeout) throws InterruptedException {
        return positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public AutoCloseable subscribe(Consumer<LiveChange> listener) {
        return hub.subscribe(listener);
    }

    @Override
    public OptionalLong lag() {
        return lag < 0 ? OptionalLong.empty() : OptionalLong.of(lag);
    }

    /** The consumer's own client metrics (fetch rates, {@code records-lag-max}) for {@code /metrics}; close it when done. */
    public KafkaClientMetrics meters() {
        return new KafkaClientMetrics(consumer);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS.keySet()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    relay(record);
                }
                lag = partitions.stream().mapToLong(tp -> consumer.currentLag(tp).orElse(0)).sum();
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("live push stopped: cannot read the state topics: {}", e.toString());
            }
        } finally {
            running = false;
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void relay(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        String key = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            Topic<?, ?> topic = TOPICS.get(record.topic());
            IndexedRecord value = (IndexedRecord) topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
            int bar = key.indexOf('|');
            hub.publish(new LiveChange(LiveChange.kindOf(topic), bar < 0 ? key : key.substring(0, bar), key, AvroJson.toTree(value)));
        } catch (RuntimeException e) {
            LOG.warn("live push skips {} partition {} offset {} (key {}): cannot decode it: {}",
                    record.topic(), record.partition(), record.offset(), key, e.getMessage());
        }
    }

    @Override
    public void close() {
        if (running) {
            running = false;
            consumer.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
