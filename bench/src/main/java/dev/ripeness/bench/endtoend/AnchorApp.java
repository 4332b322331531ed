package dev.ripeness.bench.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The anchor of {@code ripeness bench --anchor}: the smallest stateful Kafka Streams step that
 * still does per event what any event pipeline must — parse the event (JSON), read-modify-write
 * one row of a persistent timestamped store (a count per conflict-day), send one record. Run
 * with the pipeline's own configuration (exactly_once_v2, one thread, the same RocksDB and
 * cache settings), on the same events and broker, it is the floor the pipeline is compared to.
 *
 * <p>{@link #withLedger()} adds the part of the pipeline's ledger that every event costs it:
 * keep each event under its eventId in a store of its own (persistent, logged, no record cache,
 * as the pipeline's {@code events-by-id}), asked before it is written. Every
 * event is a new key there, so unlike the count per conflict-day the record cache cannot fold
 * its writes: each one reaches RocksDB and the changelog.
 */
public final class AnchorApp {

    /** The scratch topics: events as JSON lines (key conflict), one output record per event. */
    public static final String INPUT = "bench.anchor-events";
    public static final String OUTPUT = "bench.anchor-out";
    static final String STORE = "anchor-day-counts";
    static final String EVENTS_STORE = "anchor-events-by-id";

    private AnchorApp() {}

    /** The anchor: parse, count per conflict-day, one record. */
    public static Topology topology() {
        return topology(false);
    }

    /** The anchor that also keeps each event by its eventId ({@code ripeness bench --anchor}'s second app). */
    public static Topology withLedger() {
        return topology(true);
    }

    private static Topology topology(boolean ledger) {
        Topology t = new Topology();
        t.addSource("anchor-source", new StringDeserializer(), new StringDeserializer(), INPUT);
        t.addProcessor("anchor-count", () -> new CountPerDay(ledger), "anchor-source");
        t.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), "anchor-count");
        if (ledger) {
            t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EVENTS_STORE), Serdes.String(), Serdes.String())
                    .withCachingDisabled(), "anchor-count");
        }
        t.addSink("anchor-sink", OUTPUT, new StringSerializer(), new StringSerializer(), "anchor-count");
        return t;
    }

    private static final class CountPerDay extends ContextualProcessor<String, String, String, String> {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final boolean ledger;
        private TimestampedKeyValueStore<String, Long> counts;
        private KeyValueStore<String, String> events;

        CountPerDay(boolean ledger) {
            this.ledger = ledger;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            super.init(context);
            counts = context.getStateStore(STORE);
            events = ledger ? context.getStateStore(EVENTS_STORE) : null;
        }

        @Override
        public void process(Record<String, String> record) {
            JsonNode event;
            try {
                event = JSON.readTree(record.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String eventId = event.path("eventId").asText();
            if (events != null) {
                if (events.get(eventId) != null) {
                    return; // a duplicate: already counted
                }
                events.put(eventId, record.value());
            }
            String key = event.path("conflict").asText() + "|" + event.path("date").asText();
            ValueAndTimestamp<Long> before = counts.get(key);
            long count = (before == null ? 0 : before.value()) + 1;
            counts.put(key, ValueAndTimestamp.make(count, record.timestamp()));
            context().forward(record.withKey(key).withValue("{\"eventId\":\"" + eventId
                    + "\",\"count\":" + count + "}"));
        }
    }
}
