package dev.ripeness.sinks;

import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.schema.ActorAssessment;
import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.Components;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.MediatorState;
import dev.ripeness.schema.RipenessAssessment;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** State records built with their Avro builders, and per-test state topics on the shared test broker. */
public final class TestStates {

    private TestStates() {}

    /** Fresh topics for every kind (one partition each), created on the test broker. */
    public static SinkTopics uniqueTopics() {
        Map<StateKind, String> names = new EnumMap<>(StateKind.class);
        List<NewTopic> topics = new ArrayList<>();
        for (StateKind kind : StateKind.values()) {
            String name = TestKafka.unique("sink-" + kind.shortName());
            names.put(kind, name);
            topics.add(new NewTopic(name, 1, (short) 1).configs(kind.topic().configs()));
        }
        try (Admin admin = Admin.create(kafkaConfig())) {
            admin.createTopics(topics).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return new SinkTopics(names);
    }

    public static Map<String, Object> kafkaConfig() {
        return Map.of("bootstrap.servers", TestKafka.bootstrapServers());
    }

    /** Writes {@code value} (null = tombstone) under {@code key} to the topic of {@code kind}, and waits for the ack. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void send(SinkTopics topics, StateKind kind, String key, SpecificRecord value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafkaConfig(), new StringSerializer(), new ByteArraySerializer())) {
            String topic = topics.name(kind);
            byte[] bytes = value == null ? null : ((org.apache.kafka.common.serialization.Serde) kind.topic().valueSerde())
                    .serializer().serialize(topic, value);
            producer.send(new ProducerRecord<>(topic, key, bytes)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ActorDemandState actorDemand(String conflict, String actor, String asOf, Double demandIndex) {
        return ActorDemandState.newBuilder().setConflict(conflict).setActor(actor).setAsOf(asOf).setModelVersion("test-1")
                .setDemandIndex(demandIndex).setEscalations(2).setDeescalations(1).setRatchets(0).build();
    }

    public static DemandGap demandGap(String conflict, String a, String b, String asOf, Double gap) {
        return DemandGap.newBuilder().setConflict(conflict).setActorA(a).setActorB(b).setAsOf(asOf).setModelVersion("test-1")
                .setGap(gap).setZopa(gap == null ? "UNKNOWN" : gap < 0.5 ? "YES" : "NO").build();
    }

    public static FrontIndicators front(String conflict, String front, String actor, String asOf, double momentum) {
        return FrontIndicators.newBuilder().setConflict(conflict).setFront(front).setActor(actor).setAsOf(asOf)
                .setModelVersion("test-1").setMomentum(momentum).setSiegeDays(null).setTimeToGoalYears(12.5)
                .setTacticalStalemate(true).setStrategicStalemate(false).build();
    }

    public static RipenessAssessment assessment(String conflict, String asOf, double ripeness, String band) {
        return RipenessAssessment.newBuilder().setConflict(conflict).setAsOf(asOf).setModelVersion("test-1")
                .setRipeness(ripeness).setBand(band).setPathway("NONE")
                .setComponents(Components.newBuilder().setMhs(0.6).setWayOut(0.3).setDemandGap(0.7).setZopa("NO")
                        .setCatastrophe(0.1).setOpportunity(0.2).build())
                .setActors(Map.of(
                        "AAA", ActorAssessment.newBuilder().setPerceivedStalemate(0.5).setHurt(0.4).setDemandIndex(0.8).setMomentum(-0.1).build(),
                        "BBB", ActorAssessment.newBuilder().setPerceivedStalemate(0.7).setHurt(0.6).setDemandIndex(null).setMomentum(0.2).build()))
                .setMediator(MediatorState.newBuilder().setActor("MED").setStance(0.0).setReversals(1).build())
                .setEventCount(42).setLastEventId("evt-42").build();
    }
}
