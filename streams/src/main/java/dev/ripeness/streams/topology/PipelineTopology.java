package dev.ripeness.streams.topology;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.topics.Topic;
import dev.ripeness.topics.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
 * eight named persistent stores, and one named sink per output topic.
 */
public final class PipelineTopology {

    /** Node names, stable across releases. */
    public static final String SOURCE = "events-source";
    public static final String PROCESSOR = "ripeness-model";

    private PipelineTopology() {}

    /** The topology for the given conflicts and model; side-effect free. */
    public static Topology build(ConflictCatalog catalog, ModelConfig model) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.EVENTS.name());
        topology.addProcessor(PROCESSOR, () -> new RipenessProcessor(catalog, model), SOURCE);
        for (String store : List.of(StoreNames.EVENTS, StoreNames.REFS, StoreNames.EFFECTIVE, StoreNames.BUCKETS,
                StoreNames.SNAPSHOTS, StoreNames.TALLIES, StoreNames.OUTPUTS, StoreNames.LATEST)) {
            topology.addStateStore(store(store), PROCESSOR);
        }
        sink(topology, RipenessProcessor.Topics.DEAD_LETTERS, Topics.DEAD_LETTERS);
        sink(topology, RipenessProcessor.Topics.ACTOR_DEMAND, Topics.ACTOR_DEMAND);
        sink(topology, RipenessProcessor.Topics.DEMAND_GAP, Topics.DEMAND_GAP);
        sink(topology, RipenessProcessor.Topics.FRONT_INDICATORS, Topics.FRONT_INDICATORS);
        sink(topology, RipenessProcessor.Topics.ASSESSMENTS, Topics.ASSESSMENTS);
        sink(topology, RipenessProcessor.Topics.ASSESSMENT_TIMELINE, Topics.ASSESSMENT_TIMELINE);
        return topology;
    }

    private static StoreBuilder<?> store(String name) {
        Serde<String> keys = Serdes.String();
        Serde<byte[]> values = Serdes.ByteArray();
        // Logging on (the default): every store is rebuilt from its changelog after a move or a crash.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void sink(Topology topology, String node, Topic<?, ?> topic) {
        Serializer valueSerializer = topic.valueSerde().serializer();
        topology.addSink(node, topic.name(), topic.keySerde().serializer() == null ? null
                : (Serializer) topic.keySerde().serializer(), valueSerializer, PROCESSOR);
    }
}
