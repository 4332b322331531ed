package dev.ripeness.producers.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.producers.KafkaTestSupport;
import dev.ripeness.topics.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one "read a topic to its end" helper, against the real broker. */
@Tag("integration")
@ExtendWith(TestKafka.class)
class TopicReaderTest {

    @Test
    void shouldHandOverEveryRecordOfEveryPartitionAndKeepTheLatestValuePerKey() throws Exception {
        String topic = TestKafka.unique("reader");
        try (Admin admin = Admin.create(KafkaTestSupport.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTestSupport.clientConfig(),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, "a", "1"));
            producer.send(new ProducerRecord<>(topic, 1, "b", "1"));
            producer.send(new ProducerRecord<>(topic, 0, "a", "2"));
            producer.send(new ProducerRecord<>(topic, 1, "b", null)).get();
        }

        List<String> seen = new ArrayList<>();
        long count = TopicReader.readToEnd(KafkaTestSupport.clientConfig(), topic, Duration.ofSeconds(30),
                r -> seen.add(new String(r.key(), StandardCharsets.UTF_8) + "@" + r.partition()));

        assertThat(count).isEqualTo(4);
        assertThat(seen).containsExactlyInAnyOrder("a@0", "b@1", "a@0", "b@1");
        assertThat(TopicReader.latestByKey(KafkaTestSupport.clientConfig(), topic, Duration.ofSeconds(30)))
                .containsOnlyKeys("a").hasEntrySatisfying("a", v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("2"));
    }

    @Test
    void shouldSayTheTopicDoesNotExistAndNotCreateIt() {
        String topic = TestKafka.unique("absent");

        assertThatThrownBy(() -> TopicReader.readToEnd(KafkaTestSupport.clientConfig(), topic, Duration.ofSeconds(30), r -> { }))
                .isInstanceOf(TopicReader.NoSuchTopic.class).hasMessageContaining(topic);
        assertThatThrownBy(() -> TopicReader.readToEnd(KafkaTestSupport.clientConfig(), topic, Duration.ofSeconds(30), r -> { }))
                .as("still absent: the first read did not create it").isInstanceOf(TopicReader.NoSuchTopic.class);
    }

    @Test
    void shouldGiveUpAtTheDeadlineWhenNoBrokerAnswers() {
        Map<String, Object> nowhere = Map.of("bootstrap.servers", "127.0.0.1:1");

        assertThatThrownBy(() -> TopicReader.readToEnd(nowhere, "ripeness.events", Duration.ofSeconds(2), r -> { }))
                .isInstanceOf(TopicReader.DeadlinePassed.class)
                .hasMessageContaining("ripeness.events").hasMessageContaining("PT2S");
    }

    @Test
    void shouldWaitForTransactionsOpenAtTheEndWhenReadingDecidedAndHandOverOnlyWhatTheyCommit() throws Exception {
        // Given two transactions open at the log's end: one will commit "kept", the other abort "dropped"
        String topic = TestKafka.unique("decided");
        try (Admin admin = Admin.create(KafkaTestSupport.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> committing = transactional("decided-commit");
             KafkaProducer<String, String> aborting = transactional("decided-abort")) {
            committing.send(new ProducerRecord<>(topic, "kept", "1")).get();
            aborting.send(new ProducerRecord<>(topic, "dropped", "1")).get();

            // When the log is read while they are open: plainly, then to decided ends while they end 2 s later
            List<String> stable = new ArrayList<>();
            TopicReader.readToEnd(KafkaTestSupport.clientConfig(), topic, Duration.ofSeconds(30), r -> stable.add(key(r.key())));
            java.util.concurrent.atomic.AtomicLong ending = new java.util.concurrent.atomic.AtomicLong();
            CompletableFuture<Void> end = CompletableFuture.runAsync(() -> {
                ending.set(System.nanoTime());
                committing.commitTransaction();
                aborting.abortTransaction();
            }, CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
            List<String> decided = new ArrayList<>();
            TopicReader.readDecided(KafkaTestSupport.clientConfig(), topic, Duration.ofSeconds(30), r -> decided.add(key(r.key())));
            long read = System.nanoTime();
            end.get(1, TimeUnit.MINUTES);

            // Then the plain read stops before them, and the decided read waits for them and gets the committed record only
            assertThat(stable).isEmpty();
            assertThat(ending.get()).as("the decided read returned only once the transactions were ending").isPositive().isLessThan(read);
            assertThat(decided).containsExactly("kept");
        }
    }

    private static KafkaProducer<String, String> transactional(String id) {
        Map<String, Object> config = new java.util.HashMap<>(KafkaTestSupport.clientConfig());
        config.put("transactional.id", TestKafka.unique(id));
        KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        producer.beginTransaction();
        return producer;
    }

    private static String key(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
