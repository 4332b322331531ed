package dev.ripeness.producers.feed;

import dev.ripeness.schema.Event;
import dev.ripeness.schema.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A {@link LogCheck} that follows the event log: it reads the topic's committed records from
 * the beginning on first use (and a partition added later from its beginning) and, before every
 * feed, up to the log's current end, so that
 * what another feeder (another instance, {@code ripeness produce}) committed counts too. Its
 * end is the log's end, open transactions included: the answer waits for them to be decided,
 * so an event a still-open transaction commits is never written twice. It keeps one content
 * digest per (conflict, eventId): about 100 bytes an event.
 *
 * <p>Not thread-safe on its own: a {@link KafkaEventFeed} calls it under its lock.
 */
public final class EventLogContents implements LogCheck, AutoCloseable {

    private static final AvroSerde<Event> EVENTS = AvroSerde.of(Event.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(30);

    private final Map<String, Object> clientConfig;
    private final Map<String, Object> config;
    private final String topic;
    private final Map<String, ByteBuffer> digests = new HashMap<>();
    private KafkaConsumer<String, byte[]> consumer;
    private Admin admin;
    private List<TopicPartition> partitions;

    public EventLogContents(Map<String, Object> clientConfig, String topic) {
        this.clientConfig = Map.copyOf(clientConfig);
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.config = c;
        this.topic = topic;
    }

    @Override
    public void catchUp() {
        if (admin == null) {
            admin = Admin.create(clientConfig);
        }
        if (consumer == null) {
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            partitions = List.of();
        }
        // Asked every time (one more admin round trip per feed): partitions added to the log since are read from their
        // beginning too. Adding them is a mistake (docs/topics.md), but must not let an event through twice.
        List<TopicPartition> now = partitions();
        if (!now.equals(partitions)) {
            List<TopicPartition> added = now.stream().filter(p -> !partitions.contains(p)).toList();
            consumer.assign(now);
            consumer.seekToBeginning(added);
            partitions = now;
        }
        // Read to the log's end, not to its last stable offset: a transaction still open there (a killed
        // feeder's, whose commit the coordinator is completing after a restart) may yet turn out committed,
        // and an event it holds must then count as in the log. The read_committed consumer's position
        // passes such a transaction only once it is decided, so the loop waits for that.
        Map<TopicPartition, Long> end = logEnd();
        long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p, CATCH_UP_LIMIT) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new FeedException("could not read the event log " + topic + " to its end within " + CATCH_UP_LIMIT.toSeconds()
                        + " s" + undecided(end) + ", so duplicates cannot be told apart; nothing was written: retry", null);
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

    /** Every partition of the topic, in partition order; a missing topic is an error, not an empty log. */
    private List<TopicPartition> partitions() {
        return answer(admin.describeTopics(List.of(topic)).allTopicNames(), "the partitions of").get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    /** Each partition's end offset, open transactions included (read_uncommitted). */
    private Map<TopicPartition, Long> logEnd() {
        return offsets(IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * The transactions that keep a partition's last stable offset short of {@code end}, for the message: where each
     * starts, its producer and epoch, and what the transaction coordinator says of that producer (an operator's
     * `kafka-transactions.sh describe` or `abort` needs these). Empty when none does, or the broker cannot say.
     */
    private String undecided(Map<TopicPartition, Long> end) {
        try {
            Map<TopicPartition, Long> stable = offsets(IsolationLevel.READ_COMMITTED);
            List<TopicPartition> held = partitions.stream().filter(p -> stable.get(p) < end.get(p)).toList();
            if (held.isEmpty()) {
                return "";
            }
            StringBuilder b = new StringBuilder(" (a transaction on it is still open: another feeder's, or a stopped one's "
                    + "that the broker has not yet ended:");
            answer(admin.describeProducers(held).all(), "the producers of").forEach((tp, producers) -> producers.activeProducers()
                    .stream().filter(ps -> ps.currentTransactionStartOffset().isPresent()).forEach(ps -> {
                        b.append(" partition ").append(tp.partition()).append(" from offset ")
                                .append(ps.currentTransactionStartOffset().getAsLong()).append(", producer ").append(ps.producerId())
                                .append(" epoch ").append(ps.producerEpoch());
                        answer(admin.listTransactions(new ListTransactionsOptions().filterProducerIds(List.of(ps.producerId()))).all(),
                                "the transactions of").forEach(t -> b.append(", coordinator: ").append(t.transactionalId())
                                .append(' ').append(t.state()));
                        b.append(';');
                    }));
            return b.append(')').toString();
        } catch (FeedException e) {
            return "";
        }
    }

    private Map<TopicPartition, Long> offsets(IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        answer(admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all(), "the end of")
                .forEach((p, info) -> out.put(p, info.offset()));
        return out;
    }

    /** The admin call's result within the catch-up limit; a failure is a {@link FeedException} naming {@code what} of the log. */
    private <T> T answer(KafkaFuture<T> call, String what) {
        try {
            return call.get(CATCH_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new FeedException("cannot read " + what + " the event log " + topic + ": " + e.getCause().getMessage()
                    + "; nothing was written: retry", e.getCause());
        } catch (TimeoutException e) {
            throw new FeedException("cannot read " + what + " the event log " + topic + ": no answer from the broker within "
                    + CATCH_UP_LIMIT.toSeconds() + " s (is it running and reachable?); nothing was written: retry", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedException("interrupted while reading " + what + " the event log " + topic, e);
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
        try {
            if (consumer != null) {
                consumer.close();
            }
        } finally {
            if (admin != null) {
                admin.close();
            }
        }
    }
}
