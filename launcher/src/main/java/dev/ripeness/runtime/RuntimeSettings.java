package dev.ripeness.runtime;

import dev.ripeness.conflict.ConflictCatalog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code ripeness run} was asked to start.
 *
 * @param bootstrapServers external cluster, or null to embed a broker
 * @param clientProperties extra Kafka client properties (from {@code --kafka-config})
 * @param dataDir broker log and local state live here
 * @param kafkaPort port of the embedded broker
 * @param httpPort port of the API and dashboard
 * @param loadHistory load the bundled history into an empty log
 * @param conflictsDir extra conflict configuration files ({@code *.json}), or null for the bundled ones only
 */
public record RuntimeSettings(String bootstrapServers, Map<String, Object> clientProperties, Path dataDir,
                              int kafkaPort, int httpPort, int partitions, short replicationFactor,
                              boolean loadHistory, Path conflictsDir) {

    /** The conflicts this runtime knows: the bundled ones, extended and overridden by {@code conflictsDir}. */
    public ConflictCatalog catalog() {
        return ConflictCatalog.load(conflictsDir);
    }

    public Map<String, Object> clientConfig(String bootstrap) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put("bootstrap.servers", bootstrap);
        return config;
    }
}
