package dev.ripeness.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripeness.api.http.TestSeries;
import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.topics.TopicAdmin;
import dev.ripeness.topics.Topics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The live-push consumer against a real broker: changes written to the state topics after it started reach subscribers. */
@Tag("integration")
@ExtendWith(TestKafka.class)
class KafkaStateChangesTest {

    @Test
    void shouldRelayStateTopicRecordsWrittenAfterStartWhenSubscribed() throws Exception {
        // Given: the topics, one assessment written before the consumer starts (must not be relayed)
        Map<String, Object> config = Map.of("bootstrap.servers", TestKafka.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            TopicAdmin.ensure(admin, Topics.all(), 1, (short) 1);
        }
        List<RipenessAssessment> series = TestSeries.assessments();
        ActorDemandState actor = TestSeries.actorStates().get(0);
        try (KafkaProducer<String, RipenessAssessment> assessments = new KafkaProducer<>(Map.<String, Object>of(
                "bootstrap.servers", TestKafka.bootstrapServers()), Topics.ASSESSMENTS.keySerde().serializer(), Topics.ASSESSMENTS.valueSerde().serializer());
             KafkaProducer<String, ActorDemandState> actors = new KafkaProducer<>(Map.<String, Object>of(
                "bootstrap.servers", TestKafka.bootstrapServers()), Topics.ACTOR_DEMAND.keySerde().serializer(), Topics.ACTOR_DEMAND.valueSerde().serializer())) {
            assessments.send(new ProducerRecord<>(Topics.ASSESSMENTS.name(), TestSeries.CONFLICT, series.get(0))).get();

            try (KafkaStateChanges changes = KafkaStateChanges.start(config)) {
                List<LiveChange> received = new CopyOnWriteArrayList<>();
                changes.subscribe(received::add);
                assertThat(changes.awaitPositioned(Duration.ofSeconds(30))).isTrue();

                // When
                assessments.send(new ProducerRecord<>(Topics.ASSESSMENTS.name(), TestSeries.CONFLICT, series.get(5))).get();
                actors.send(new ProducerRecord<>(Topics.ACTOR_DEMAND.name(), TestSeries.CONFLICT + "|NORTH", actor)).get();

                // Then
                await("two changes relayed").atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
                assertThat(received).extracting(LiveChange::kind).containsExactly(LiveChange.ASSESSMENT, LiveChange.ACTOR_DEMAND);
                assertThat(received.get(0).value().path("asOf").asText()).isEqualTo(series.get(5).getAsOf());
                assertThat(received.get(1).conflict()).isEqualTo(TestSeries.CONFLICT);
                assertThat(received.get(1).key()).isEqualTo(TestSeries.CONFLICT + "|NORTH");
                await("lag known").atMost(Duration.ofSeconds(10)).until(() -> changes.lag().isPresent());
                assertThat(changes.lag().getAsLong()).isZero();
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                try (KafkaClientMetrics meters = changes.meters()) {
                    meters.bindTo(registry);
                    assertThat(registry.getMeters()).as("meters of the live-push consumer")
                            .anyMatch(m -> "ripeness-live-push".equals(m.getId().getTag("client.id")));
                }
            }
        }
    }

    @Test
    void shouldPushNothingOfAnAbortedTransaction() throws Exception {
        // Given the live-push consumer, positioned
        Map<String, Object> config = Map.of("bootstrap.servers", TestKafka.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            TopicAdmin.ensure(admin, Topics.all(), 1, (short) 1);
        }
        List<RipenessAssessment> series = TestSeries.assessments();
        try (KafkaStateChanges changes = KafkaStateChanges.start(config);
             KafkaProducer<String, RipenessAssessment> producer = new KafkaProducer<>(Map.<String, Object>of(
                     "bootstrap.servers", TestKafka.bootstrapServers(), "transactional.id", "state-changes-abort-test"),
                     Topics.ASSESSMENTS.keySerde().serializer(), Topics.ASSESSMENTS.valueSerde().serializer())) {
            List<LiveChange> received = new CopyOnWriteArrayList<>();
            changes.subscribe(received::add);
            assertThat(changes.awaitPositioned(Duration.ofSeconds(30))).isTrue();
            producer.initTransactions();

            // When one transaction is aborted and the next committed
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.ASSESSMENTS.name(), "aborted-conflict", series.get(1))).get();
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.ASSESSMENTS.name(), "committed-conflict", series.get(2))).get();
            producer.commitTransaction();

            // Then only the committed change is pushed
            await("the committed change relayed").atMost(Duration.ofSeconds(30))
                    .until(() -> received.stream().anyMatch(c -> c.key().equals("committed-conflict")));
            assertThat(received).extracting(LiveChange::key).doesNotContain("aborted-conflict");
        }
    }
}
