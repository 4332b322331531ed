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
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The anchor of {@code ripeness bench --anchor}: the smallest stateful Kafka Streams step that
 * still does per event what any event pipeline must — parse the event (JSON), read-modify-write
 * one row of a persistent timestamped store (a count per conflict-day), send one record. Run
 * with the pipeline's own configuration (exactly_once_v2, one thread, the same RocksDB and
 * cache settings), on the same events and broker, it is the floor the pipeline is compared to.
 */
public final class AnchorApp {

    /** The scratch topics: events as JSON lines (key conflict), one output record per event. */
    public static final String INPUT = "bench.anchor-events";
    public static final String OUTPUT = "bench.anchor-out";
    static final String STORE = "anchor-day-counts";

    private AnchorApp() {}

    public static Topology topology() {
        Topology t = new Topology();
        t.addSource("anchor-source", new StringDeserializer(), new StringDeserializer(), INPUT);
        t.addProcessor("anchor-count", CountPerDay::new, "anchor-source");
        t.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), "anchor-count");
        t.addSink("anchor-sink", OUTPUT, new StringSerializer(), new StringSerializer(), "anchor-count");
        return t;
    }

    private static final class CountPerDay extends ContextualProcessor<String, String, String, String> {
        private static final ObjectMapper JSON = new ObjectMapper();
        private TimestampedKeyValueStore<String, Long> counts;

        @Override
        public void init(ProcessorContext<String, String> context) {
            super.init(context);
            counts = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            JsonNode event;
            try {
                event = JSON.readTree(record.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String key = event.path("conflict").asText() + "|" + event.path("date").asText();
            ValueAndTimestamp<Long> before = counts.get(key);
            long count = (before == null ? 0 : before.value()) + 1;
            counts.put(key, ValueAndTimestamp.make(count, record.timestamp()));
            context().forward(record.withKey(key).withValue("{\"eventId\":\"" + event.path("eventId").asText()
                    + "\",\"count\":" + count + "}"));
        }
    }
}
