package dev.ripeness.bench.harness;

import dev.ripeness.broker.EmbeddedKafkaBroker;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.RipenessPipeline;
import dev.ripeness.streams.TestEvents;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.query.KafkaStreamsStateQueries;
import dev.ripeness.streams.query.StateQueries;
import dev.ripeness.streams.query.StateUnavailableException;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.topics.TopicAdmin;
import dev.ripeness.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The real pipeline (exactly-once, RocksDB, changelogs) on an embedded broker: time to fold a
 * log of N in-order events from scratch, then the cost per event of 1,000 more in-order
 * events arriving on top of that history. Run by hand; arguments: history sizes.
 */
public final class BrokerBench {

    private static final LocalDate START = LocalDate.parse("2030-01-01");

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("ripeness-broker-bench");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                TopicAdmin.ensure(admin, Topics.all(), 1, (short) 1);
            }
            Random random = new Random(42);
            int produced = 0;
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                    "linger.ms", 20), new StringSerializer(), new ByteArraySerializer())) {
                for (String arg : args.length == 0 ? new String[] {"10000", "100000"} : args) {
                    int n = Integer.parseInt(arg);
                    produced = produce(producer, random, produced, n);
                    try (RipenessPipeline pipeline = RipenessPipeline.start(TestEvents.catalog(), ModelConfig.bundled(),
                            RipenessPipeline.config(bootstrap, "bench-" + n, dir.resolve("state-" + n), Map.of()))) {
                        StateQueries state = new KafkaStreamsStateQueries(pipeline.streams(), null);
                        long t0 = System.nanoTime();
                        awaitDate(state, lastDate(produced));
                        double full = (System.nanoTime() - t0) / 1e9;
                        produced = produce(producer, random, produced, produced + 1000);
                        long t1 = System.nanoTime();
                        awaitDate(state, lastDate(produced));
                        double more = (System.nanoTime() - t1) / 1e9;
                        System.out.printf(Locale.ROOT, "history %d events: folded from scratch in %.1f s (%.0f events/s); "
                                + "1000 more in-order events on top: %.2f s = %.2f ms/event%n", n, full, n / full, more, more);
                    }
                }
            }
        }
    }

    private static int produce(KafkaProducer<String, byte[]> producer, Random random, int from, int to) {
        for (int i = from; i < to; i++) {
            Event e = PipelineBenchEvents.synthetic(i, START.plusDays(i / 3), random);
            producer.send(new ProducerRecord<>(Topics.EVENTS.name(), e.getConflict(),
                    Topics.EVENTS.valueSerde().serializer().serialize("", e)));
        }
        producer.flush();
        return to;
    }

    private static String lastDate(int produced) {
        return START.plusDays((produced - 1) / 3).toString();
    }

    private static void awaitDate(StateQueries state, String date) {
        // Starting or rebalancing answers StateUnavailableException: ask again.
        org.awaitility.Awaitility.await("pipeline state reached " + date).atMost(java.time.Duration.ofHours(1))
                .pollInterval(java.time.Duration.ofMillis(50)).ignoreException(StateUnavailableException.class)
                .until(() -> state.ripeness(TestEvents.CONFLICT, null).map(RipenessAssessment::getAsOf).orElse("").equals(date));
    }
}
