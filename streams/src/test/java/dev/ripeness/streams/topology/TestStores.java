package dev.ripeness.streams.topology;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.streams.model.ModelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** The processor's stores for a {@link MockProcessorContext}: no changelog, no record cache. */
final class TestStores {

    private TestStores() {}

    /** Every store of {@link StoreNames#ALL} in memory, added to {@code context}. */
    static List<KeyValueStore<String, byte[]>> inMemory(MockProcessorContext<String, byte[]> context) {
        return all(context, false);
    }

    /** Every store of {@link StoreNames#ALL} in RocksDB under the context's state dir, added to {@code context}. */
    static List<KeyValueStore<String, byte[]>> persistent(MockProcessorContext<String, byte[]> context) {
        return all(context, true);
    }

    /** One store in RocksDB under the context's state dir, not added to the context. */
    static KeyValueStore<String, byte[]> persistent(MockProcessorContext<String, byte[]> context, String name) {
        return open(context, Stores.persistentKeyValueStore(name));
    }

    /** A processor initialised over persistent stores under {@code state}, its context's clock at {@code now}. */
    record Driven(MockProcessorContext<String, byte[]> context, List<KeyValueStore<String, byte[]>> stores,
                  RipenessProcessor processor) {

        static Driven over(Path state, ConflictCatalog catalog, long now) {
            MockProcessorContext<String, byte[]> context = new MockProcessorContext<>(new Properties(), new TaskId(0, 0),
                    state.toFile());
            List<KeyValueStore<String, byte[]>> stores = persistent(context);
            context.setCurrentSystemTimeMs(now);
            RipenessProcessor processor = new RipenessProcessor(catalog, ModelConfig.bundled());
            processor.init(context);
            return new Driven(context, stores, processor);
        }
    }

    private static List<KeyValueStore<String, byte[]>> all(MockProcessorContext<String, byte[]> context, boolean persistent) {
        List<KeyValueStore<String, byte[]>> stores = new ArrayList<>();
        for (String name : StoreNames.ALL) {
            KeyValueStore<String, byte[]> store = open(context,
                    persistent ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name));
            context.addStateStore(store);
            stores.add(store);
        }
        return stores;
    }

    private static KeyValueStore<String, byte[]> open(MockProcessorContext<String, byte[]> context, KeyValueBytesStoreSupplier supplier) {
        KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
