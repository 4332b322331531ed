package dev.ripeness.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripeness.broker.testing.TestKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a real broker: a transactional offset commit still open and known to the coordinator is not hanging, is left
 * alone, and commits afterwards. (A hanging one cannot be made through the client API; a kill -9 made one in about
 * one `KillLoopIT` run in thirteen, and {@link HangingTransactionsTest} pins the rule that finds it.)
 */
@Tag("integration")
@ExtendWith(TestKafka.class)
class HangingTransactionsIT {

    @Test
    void shouldLeaveALiveTransactionalOffsetCommitAlone() throws Exception {
        // Given a producer whose transaction holds a record and an offset commit of a group, still open
        String topic = TestKafka.unique("hanging");
        String group = TestKafka.unique("hanging-group");
        Map<String, Object> client = Map.of("bootstrap.servers", TestKafka.bootstrapServers());
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            Map<String, Object> config = new HashMap<>(client);
            config.put("transactional.id", TestKafka.unique("hanging-tx"));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "k", "v")).get();
                producer.sendOffsetsToTransaction(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1)),
                        new ConsumerGroupMetadata(group));

                long producerId = admin.describeTransactions(List.of(config.get("transactional.id").toString())).all().get()
                        .values().iterator().next().producerId();

                // When the offsets topic is searched for hanging transactions, and they are aborted
                List<HangingTransactions.Open> open = HangingTransactions.open(admin);
                List<HangingTransactions.Open> hanging = HangingTransactions.find(admin);
                List<HangingTransactions.Open> aborted = HangingTransactions.abortInOffsetsTopic(admin);

                // Then the search sees the live one open but not hanging, leaves it alone, and it still commits its offsets
                assertThat(open).extracting(HangingTransactions.Open::producerId).contains(producerId);
                assertThat(hanging).extracting(HangingTransactions.Open::producerId).doesNotContain(producerId);
                assertThat(aborted).extracting(HangingTransactions.Open::producerId).doesNotContain(producerId);
                producer.commitTransaction();
            }
            // (the commit's markers are written after commitTransaction returns: wait for the offset to show)
            await("the group's committed offset").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get())
                            .containsEntry(new TopicPartition(topic, 0), new OffsetAndMetadata(1)));
        }
    }
}
