package dev.ripeness.producers;

import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.producers.feed.FeedTopics;
import dev.ripeness.schema.serde.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Real-broker helpers: per-test topics, and reading a topic to its end as a given isolation level. */
public final class KafkaTestSupport {

    private KafkaTestSupport() {}

    public static Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", TestKafka.bootstrapServers());
        return config;
    }

    /** Fresh event and dead-letter topics for one test. */
    public static FeedTopics freshTopics(String name) {
        FeedTopics topics = new FeedTopics(TestKafka.unique(name + "-events"), TestKafka.unique(name + "-dead"));
        try (Admin admin = Admin.create(clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topics.events(), 2, (short) 1),
                    new NewTopic(topics.deadLetters(), 1, (short) 1))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return topics;
    }

    /** Every record of {@code topic} up to its end, decoded; {@code isolation} is read_committed or read_uncommitted. */
    public static <T extends SpecificRecord> List<T> readAll(String topic, Class<T> type, String isolation) {
        AvroSerde<T> serde = AvroSerde.of(type);
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records(topic, isolation)) {
            out.add(serde.decode(r.value()));
        }
        return out;
    }

    private static Map<TopicPartition, Long> highWatermarks(List<TopicPartition> parts) {
        Map<String, Object> config = clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            return c.endOffsets(parts);
        }
    }

    public static List<ConsumerRecord<String, byte[]>> records(String topic, String isolation) {
        Map<String, Object> config = clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            // Read up to the high watermark, not the read_committed end offset: commit markers land
            // just after commitTransaction returns, so the stable offset may briefly lag behind.
            Map<TopicPartition, Long> end = highWatermarks(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        out.sort(java.util.Comparator.comparingInt((ConsumerRecord<String, byte[]> r) -> r.partition()).thenComparingLong(ConsumerRecord::offset));
        return out;
    }
}
