package dev.ripeness.streams.topology;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.topics.Topic;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the pipeline's topology with the Processor API: one source (the event log read as
 * bytes, decoded inside so that a bad record becomes a dead letter), one processor with
 * the named persistent stores of {@link StoreNames#ALL}, and one named sink per output topic.
 */
public final class PipelineTopology {

    /** Node names, stable across releases. */
    public static final String SOURCE = "events-source";
    public static final String PROCESSOR = "ripeness-model";

    /**
     * Application config: how often, in wall-clock milliseconds, the processor folds the
     * conflicts that events made dirty (default {@value #DEFAULT_FOLD_INTERVAL_MS}). Shorter:
     * lower latency, more folds of a date that is still receiving events. A TopologyTestDriver
     * must advance its wall-clock time by at least this much for the fold to run.
     *
     * <p>20 ms: waiting for the fold was the largest part of live latency (about half the interval plus
     * the commit that follows each fold); at 1,000 events/s a fold of the latest date takes a few ms, and
     * input that falls behind is backlog, whose folds wait for the catch-up anyway (docs/performance.md,
     * "Issue 9: latency at 1,000 events/s").
     */
    public static final String FOLD_INTERVAL_CONFIG = "ripeness.fold.interval.ms";
    public static final long DEFAULT_FOLD_INTERVAL_MS = 20;

    private PipelineTopology() {}

    /** The topology for the given conflicts and model; side-effect free. */
    public static Topology build(ConflictCatalog catalog, ModelConfig model) {
        return build(catalog, model, PipelineTopics.live(), event -> true);
    }

    /**
     * The same topology on other topics and over a subset of the log, for side runs (replay
     * verification, model comparison, counterfactuals): {@code accept} is asked right after
     * decoding; an event it refuses is skipped as if it were not in the log.
     */
    public static Topology build(ConflictCatalog catalog, ModelConfig model, PipelineTopics topics, Predicate<Event> accept) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.events());
        topology.addProcessor(PROCESSOR, () -> new RipenessProcessor(catalog, model, accept), SOURCE);
        for (String store : StoreNames.ALL) {
            topology.addStateStore(store(store), PROCESSOR);
        }
        // One sink per output of the catalog, named after it (RipenessProcessor forwards to these names).
        topics.outputTopics().forEach((topic, name) -> sink(topology, sinkNode(topic), topic, name));
        return topology;
    }

    /** The sink node that writes {@code topic}: {@code assessment-timeline-sink}. */
    static String sinkNode(Topic<?, ?> topic) {
        return topic.shortName() + "-sink";
    }

    private static StoreBuilder<?> store(String name) {
        Serde<String> keys = Serdes.String();
        Serde<byte[]> values = Serdes.ByteArray();
        // Logging on (the default): every store is rebuilt from its changelog after a move or a crash.
        // Caching on where folds rewrite the same keys (the latest date's snapshot, tallies and
        // outputs, the dirty mark) several times per commit interval: the cache sends only the
        // last to RocksDB and the changelog. Off for the stores written once per event (its id,
        // its row): the cache would only hold each row until the commit and then flush it anyway.
        var builder = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
        return StoreNames.ONE_WRITE_PER_KEY.contains(name) ? builder : builder.withCachingEnabled();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void sink(Topology topology, String node, Topic<?, ?> topic, String name) {
        // The processor forwards each value already encoded with its topic's serde (it compares
        // bytes to send only what changed), so the sinks pass bytes through.
        Serializer valueSerializer = new ByteArraySerializer();
        topology.addSink(node, name, topic.keySerde().serializer() == null ? null
                : (Serializer) topic.keySerde().serializer(), valueSerializer, PROCESSOR);
    }
}
