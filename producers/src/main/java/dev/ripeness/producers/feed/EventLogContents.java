package dev.ripeness.producers.feed;

import dev.ripeness.schema.Event;
import dev.ripeness.schema.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A {@link LogCheck} that follows the event log: it reads the topic's committed records from
 * the beginning on first use and, before every feed, up to the log's current end, so that
 * what another feeder (another instance, {@code ripeness produce}) committed counts too. It
 * keeps one content digest per (conflict, eventId): about 100 bytes an event.
 *
 * <p>Not thread-safe on its own: a {@link KafkaEventFeed} calls it under its lock.
 */
public final class EventLogContents implements LogCheck, AutoCloseable {

    private static final AvroSerde<Event> EVENTS = AvroSerde.of(Event.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(30);

    private final Map<String, Object> config;
    private final String topic;
    private final Map<String, ByteBuffer> digests = new HashMap<>();
    private KafkaConsumer<String, byte[]> consumer;
    private List<TopicPartition> partitions;

    public EventLogContents(Map<String, Object> clientConfig, String topic) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.config = c;
        this.topic = topic;
    }

    @Override
    public void catchUp() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            partitions = consumer.partitionsFor(topic, CATCH_UP_LIMIT).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CATCH_UP_LIMIT);
        long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p, CATCH_UP_LIMIT) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new FeedException("could not read the event log " + topic + " to its end within " + CATCH_UP_LIMIT.toSeconds()
                        + " s, so duplicates cannot be told apart; nothing was written: retry", null);
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                try {
                    remember(EVENTS.decode(r.value()));
                } catch (RuntimeException unreadable) {
                    // Not an event this release can read: the pipeline dead-letters it; it cannot be a duplicate.
                }
            }
        }
    }

    @Override
    public Verdict check(Event event) {
        ByteBuffer logged = digests.get(key(event));
        if (logged == null) {
            return Verdict.NEW;
        }
        return logged.equals(ByteBuffer.wrap(LogCheck.digest(event))) ? Verdict.SAME : Verdict.DIFFERENT;
    }

    @Override
    public void written(Event event) {
        remember(event);
    }

    /** Events known to be in the log. */
    public int size() {
        return digests.size();
    }

    private void remember(Event e) {
        // The first version in the log is the event; a later different one was written by a racing feeder and is ignored downstream.
        digests.putIfAbsent(key(e), ByteBuffer.wrap(LogCheck.digest(e)));
    }

    private static String key(Event e) {
        return e.getConflict() + '\u0000' + e.getEventId();
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
