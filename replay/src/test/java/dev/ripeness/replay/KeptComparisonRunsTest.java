package dev.ripeness.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.schema.Components;
import dev.ripeness.schema.MediatorState;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kept comparison runs as the dashboard sees them, on a real broker holding a run's side topic. */
@Tag("integration")
@ExtendWith(TestKafka.class)
class KeptComparisonRunsTest {

    @Test
    void shouldListTheKeptRunAndReadItsLatestTimelineOfOneConflictWhenItsTopicExists() throws Exception {
        // Given: a kept run's timeline topic with two dates of one conflict (one rewritten), one of another, and a tombstone
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "ripeness-compare-" + run + ".assessment-timeline";
        Map<String, Object> client = Map.of("bootstrap.servers", TestKafka.bootstrapServers());
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(client, new StringSerializer(), new ByteArraySerializer())) {
            send(producer, topic, assessment("north-south", "2024-02-02", 0.30));
            send(producer, topic, assessment("north-south", "2024-01-10", 0.10));
            send(producer, topic, assessment("north-south", "2024-01-10", 0.15));
            send(producer, topic, assessment("russia-ukraine", "2022-03-29", 0.50));
            send(producer, topic, assessment("north-south", "2024-03-15", 0.40));
            producer.send(new ProducerRecord<>(topic, "north-south|2024-03-15", null)).get();
        }
        KeptComparisonRuns runs = new KeptComparisonRuns(client);

        // When
        List<String> ids = runs.runs();
        List<RipenessAssessment> timeline = runs.timeline(run, "north-south").orElseThrow();

        // Then: the run is listed by its id, its points are this conflict's latest values oldest first
        assertThat(ids).contains(run);
        assertThat(timeline).extracting(RipenessAssessment::getAsOf).containsExactly("2024-01-10", "2024-02-02");
        assertThat(timeline).extracting(RipenessAssessment::getRipeness).containsExactly(0.15, 0.30);
        assertThat(runs.timeline("0000000", "north-south")).isEmpty();
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, RipenessAssessment a) throws Exception {
        producer.send(new ProducerRecord<>(topic, a.getConflict() + "|" + a.getAsOf(),
                Topics.ASSESSMENT_TIMELINE.valueSerde().serializer().serialize(topic, a))).get();
    }

    private static RipenessAssessment assessment(String conflict, String asOf, double ripeness) {
        return RipenessAssessment.newBuilder().setConflict(conflict).setAsOf(asOf).setModelVersion("other")
                .setRipeness(ripeness).setBand("UNRIPE").setPathway("NONE")
                .setComponents(Components.newBuilder().setMhs(0).setWayOut(0).setDemandGap(null).setZopa("UNKNOWN")
                        .setCatastrophe(0).setOpportunity(0).build())
                .setActors(Map.of()).setMediator(MediatorState.newBuilder().build()).setDrivers(List.of())
                .setEventCount(1).setLastEventId("e").build();
    }
}
