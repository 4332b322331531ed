package dev.ripeness.producers.feed;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.event.Violation;
import dev.ripeness.event.EventValidator;
import dev.ripeness.schema.DeadLetter;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.json.AvroJson;
import dev.ripeness.schema.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The {@link EventFeed} that writes to Kafka. Every offered record is parsed, validated and
 * checked for duplicates on its own; good events go to the event log, bad records to the
 * dead-letter topic with their original bytes and reason. The producer is idempotent and
 * transactional with one transaction per batch, so a {@code read_committed} reader never
 * sees part of a batch. Thread-safe: feeds are serialised, as one transactional producer
 * runs one transaction at a time.
 */
public final class KafkaEventFeed implements EventFeed, AutoCloseable {

    /** Records per transaction unless told otherwise. */
    public static final int DEFAULT_BATCH = 500;

    private static final AvroSerde<Event> EVENTS = AvroSerde.of(Event.class);
    private static final AvroSerde<DeadLetter> DEAD_LETTERS = AvroSerde.of(DeadLetter.class);

    private final Map<String, Object> clientConfig;
    private final EventValidator validator;
    private final FeedTopics topics;
    private final LogCheck log;
    private final int batchSize;
    private KafkaProducer<String, byte[]> producer;

    /** A feed on the pipeline's own topics that knows nothing of the log's contents. */
    public KafkaEventFeed(Map<String, Object> clientConfig, ConflictCatalog catalog) {
        this(clientConfig, catalog, FeedTopics.DEFAULT, (conflict, eventId) -> false, DEFAULT_BATCH);
    }

    /**
     * @param clientConfig Kafka client properties ({@code bootstrap.servers}, security ...)
     * @param catalog      the conflicts events are validated against
     * @param topics       where events and dead letters go
     * @param alreadyInLog whether the log already holds (conflict, eventId); used to report duplicates
     * @param batchSize    records per transaction
     */
    public KafkaEventFeed(Map<String, Object> clientConfig, ConflictCatalog catalog, FeedTopics topics,
                          BiPredicate<String, String> alreadyInLog, int batchSize) {
        this(clientConfig, catalog, topics, LogCheck.ids(alreadyInLog), batchSize);
    }

    /**
     * @param clientConfig Kafka client properties ({@code bootstrap.servers}, security ...)
     * @param catalog      the conflicts events are validated against
     * @param topics       where events and dead letters go
     * @param log          what the log holds: decides NEW, DUPLICATE or CONFLICT per event
     * @param batchSize    records per transaction
     */
    public KafkaEventFeed(Map<String, Object> clientConfig, ConflictCatalog catalog, FeedTopics topics,
                          LogCheck log, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        this.clientConfig = Map.copyOf(clientConfig);
        this.validator = new EventValidator(catalog);
        this.topics = topics;
        this.log = log;
        this.batchSize = batchSize;
    }

    @Override
    public FeedReport feedJson(Utf8Body body, String origin) {
        List<RecordResult> results = new ArrayList<>();
        feed(Offers.jsonBody(body, origin).iterator(), results::add);
        return new FeedReport(results);
    }

    @Override
    public FeedReport feedCsv(Utf8Body body, String origin) {
        List<RecordResult> results = new ArrayList<>();
        feed(Offers.csv(body, origin), results::add);
        return new FeedReport(results);
    }

    /** Feeds events built by a program; {@code origin} names the program. */
    public FeedReport feedEvents(List<Event> events, String origin) {
        List<Offer> offers = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            String where = "record " + (i + 1);
            byte[] original = AvroJson.toJson(e).getBytes(StandardCharsets.UTF_8);
            offers.add(Offer.of(i + 1, where, origin + " " + where, original, e));
        }
        List<RecordResult> results = new ArrayList<>();
        feed(offers.iterator(), results::add);
        return new FeedReport(results);
    }

    /**
     * Feeds a stream of offers of any length, batch by batch; {@code each} hears every
     * record's result, in input order, once its batch is committed.
     *
     * @throws FeedException when the log cannot be written; earlier batches stay committed
     */
    public synchronized FeedSummary feed(Iterator<Offer> offers, Consumer<RecordResult> each) {
        FeedSummary summary = new FeedSummary();
        Map<String, ByteBuffer> seen = new HashMap<>();
        List<RecordResult> batch = new ArrayList<>(batchSize);
        List<Event> written = new ArrayList<>(batchSize);
        // The producer first: its initTransactions ends a transaction a killed predecessor left open, which
        // would otherwise hide everything committed after it from the catch-up (read_committed).
        KafkaProducer<String, byte[]> p = producer();
        try {
            log.catchUp();
        } catch (KafkaException e) {
            throw new FeedException("could not read the event log to its end, so duplicates cannot be told apart; nothing "
                    + "was written: " + e.getMessage(), e);
        }
        boolean open = false;
        String lastWhere = "start";
        try {
            while (offers.hasNext()) {
                Offer offer = offers.next();
                lastWhere = offer.where();
                if (!open) {
                    p.beginTransaction();
                    open = true;
                }
                batch.add(offer(p, offer, seen, written));
                if (batch.size() >= batchSize) {
                    open = false;
                    p.commitTransaction();
                    written.forEach(log::written);
                    written.clear();
                    publish(batch, summary, each);
                }
            }
            if (open) {
                open = false;
                p.commitTransaction();
                written.forEach(log::written);
                written.clear();
                publish(batch, summary, each);
            }
        } catch (KafkaException e) {
            throw abort(p, lastWhere, e);
        } catch (RuntimeException e) {
            // The input failed mid-batch (unreadable file, bad header): roll the open batch back, keep earlier ones.
            if (open) {
                abort(p, lastWhere, null);
            }
            throw e;
        }
        return summary;
    }

    private RecordResult offer(KafkaProducer<String, byte[]> p, Offer offer, Map<String, ByteBuffer> seen, List<Event> written) {
        long now = System.currentTimeMillis();
        if (offer.filtered() != null) {
            return new RecordResult(offer.index(), null, RecordResult.Status.FILTERED, offer.where() + ": " + offer.filtered());
        }
        Event event = offer.event();
        Violation problem = offer.problem() != null ? offer.problem() : validator.check(event).orElse(null);
        String eventId = event == null ? Offers.readableEventId(offer.original()) : event.getEventId();
        String identity = event == null ? null : event.getConflict() + '\u0000' + eventId;
        ByteBuffer digest = problem == null ? ByteBuffer.wrap(LogCheck.digest(event)) : null;
        if (problem == null) {
            // The same eventId with other content, earlier in this input or in the log: a conflict, not a duplicate.
            ByteBuffer earlier = seen.get(identity);
            if (earlier != null && !earlier.equals(digest)) {
                problem = conflict(eventId, "earlier in this input");
            } else if (earlier == null && log.check(event) == LogCheck.Verdict.DIFFERENT) {
                problem = conflict(eventId, "in the log");
            }
        }
        if (problem != null) {
            String reason = offer.where() + ": " + problem.describe();
            DeadLetter letter = DeadLetter.newBuilder()
                    .setOriginal(ByteBuffer.wrap(offer.original()))
                    .setOrigin(offer.origin())
                    .setStage("INGEST")
                    .setEventId(eventId)
                    .setField(problem.field())
                    .setReason(reason)
                    .setRecordedAt(now)
                    .build();
            p.send(new ProducerRecord<>(topics.deadLetters(), null, now, offer.origin(), DEAD_LETTERS.encode(letter)));
            return new RecordResult(offer.index(), eventId, RecordResult.Status.REJECTED, reason);
        }
        if (seen.containsKey(identity)) {
            return new RecordResult(offer.index(), eventId, RecordResult.Status.DUPLICATE,
                    offer.where() + ": eventId `" + eventId + "` appears earlier in this input");
        }
        seen.put(identity, digest);
        if (log.check(event) == LogCheck.Verdict.SAME) {
            return new RecordResult(offer.index(), eventId, RecordResult.Status.DUPLICATE,
                    offer.where() + ": eventId `" + eventId + "` is already in the log");
        }
        written.add(event);
        Event stamped = Event.newBuilder(event).setRecordedAt(now).setOrigin(offer.origin()).build();
        // The record timestamp is when the event entered the log, not its date: event time lives in the
        // payload, so events dated before 1970 (negative epoch millis, which Kafka refuses) go in like any other.
        p.send(new ProducerRecord<>(topics.events(), null, now, event.getConflict(), EVENTS.encode(stamped)));
        return new RecordResult(offer.index(), eventId, RecordResult.Status.ACCEPTED, null);
    }

    private static Violation conflict(String eventId, String where) {
        return new Violation("eventId", "`" + eventId + "` is already " + where + " with other content; an eventId names one "
                + "event for good: to change it, send a new event with a new eventId and \"corrects\": \"" + eventId
                + "\" (docs/events.md)");
    }

    private FeedException abort(KafkaProducer<String, byte[]> p, String where, KafkaException cause) {
        try {
            p.abortTransaction();
        } catch (KafkaException ignored) {
            // The producer is unusable (fenced or fatal): drop it so the next feed starts afresh.
        }
        if (cause == null) {
            return null;
        }
        closeProducer();
        return new FeedException("could not write the batch ending at " + where + " to Kafka (the batch was rolled back; "
                + "earlier batches are in the log): " + cause.getMessage(), cause);
    }

    private static void publish(List<RecordResult> batch, FeedSummary summary, Consumer<RecordResult> each) {
        for (RecordResult r : batch) {
            summary.add(r);
            each.accept(r);
        }
        batch.clear();
    }

    /**
     * Starts the transactional producer now instead of at the first feed. Given a {@code transactional.id} that
     * survives restarts (one per data dir), its {@code initTransactions} fences a killed predecessor and aborts the
     * transaction it left open; until then that transaction holds back the last stable offset, so every
     * {@code read_committed} reader (the pipeline, {@code /ready}, the duplicate check) stops short of events
     * committed after it, for up to {@code transaction.timeout.ms}.
     *
     * @throws FeedException when the producer cannot start
     */
    public synchronized void open() {
        producer();
    }

    /**
     * The feed's transactional producer settings over {@code clientConfig}; a transactional id, linger,
     * compression or retry backoff already in {@code clientConfig} wins. {@code ripeness bench} sends its bare baseline with these too.
     */
    public static Map<String, Object> producerConfig(Map<String, Object> clientConfig, String transactionalId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A batch right after the previous one finds that transaction still completing
        // (CONCURRENT_TRANSACTIONS); the default 100 ms retry backoff then adds 100 ms to the feed call.
        config.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        return config;
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            // A random id unless the caller keeps one across restarts (see open()): then a killed run's open
            // transaction lingers until transaction.timeout.ms instead of being aborted at the next start.
            Map<String, Object> config = producerConfig(clientConfig, "ripeness-feed-" + UUID.randomUUID());
            KafkaProducer<String, byte[]> created = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
            try {
                created.initTransactions();
            } catch (KafkaException e) {
                created.close();
                throw new FeedException("cannot start a transactional producer on " + config.get("bootstrap.servers")
                        + ": " + e.getMessage(), e);
            }
            producer = created;
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    /** The validator this feed applies, for callers that want to check without writing. */
    public Optional<Violation> check(Event e) {
        return validator.check(e);
    }

    @Override
    public synchronized void close() {
        closeProducer();
    }
}
