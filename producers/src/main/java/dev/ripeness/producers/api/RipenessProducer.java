package dev.ripeness.producers.api;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.feed.FeedReport;
import dev.ripeness.producers.feed.FeedTopics;
import dev.ripeness.producers.feed.KafkaEventFeed;
import dev.ripeness.producers.feed.RecordResult;
import dev.ripeness.schema.Event;
import java.util.List;
import java.util.Map;

/**
 * The Java API for programs that write events: build {@link Event}s, send them, read a
 * result per event. Same validation, dead letters, duplicate handling and transactions as
 * every other feeder.
 *
 * <pre>{@code
 * try (RipenessProducer producer = RipenessProducer.connect("localhost:9092", "my-tool")) {
 *     RecordResult r = producer.send(Event.newBuilder()...build());
 * }
 * }</pre>
 */
public final class RipenessProducer implements AutoCloseable {

    private final KafkaEventFeed feed;
    private final String origin;

    public RipenessProducer(KafkaEventFeed feed, String origin) {
        this.feed = feed;
        this.origin = origin;
    }

    /** A producer on {@code bootstrapServers}, validating against the bundled conflicts; {@code program} names it in origins. */
    public static RipenessProducer connect(String bootstrapServers, String program) {
        return connect(Map.of("bootstrap.servers", bootstrapServers), ConflictCatalog.bundled(), program);
    }

    /** A producer with full client properties and a catalog of your choice. */
    public static RipenessProducer connect(Map<String, Object> clientConfig, ConflictCatalog catalog, String program) {
        return new RipenessProducer(new KafkaEventFeed(clientConfig, catalog, FeedTopics.DEFAULT, (c, id) -> false,
                KafkaEventFeed.DEFAULT_BATCH), "program " + program);
    }

    /** Sends one event in its own transaction. */
    public RecordResult send(Event event) {
        return sendAll(List.of(event)).results().get(0);
    }

    /** Sends events in input order, in transactions of up to 500; one result per event. */
    public FeedReport sendAll(List<Event> events) {
        return feed.feedEvents(events, origin);
    }

    @Override
    public void close() {
        feed.close();
    }
}
