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
 * @param http who may reach the API and how other instances reach this one
 */
public record RuntimeSettings(String bootstrapServers, Map<String, Object> clientProperties, Path dataDir,
                              int kafkaPort, int httpPort, int partitions, short replicationFactor,
                              boolean loadHistory, Path conflictsDir, Http http) {

    /**
     * The API's exposure.
     *
     * @param host          interface to listen on ({@code 127.0.0.1} unless opened up)
     * @param apiTokenFile  file holding the write token, or null for {@code DATA_DIR/api-token} (made on first start)
     * @param readTokenFile file holding the token reads need, or null for open reads
     * @param corsOrigin    the one origin allowed cross-origin requests, or null
     * @param advertised    {@code host:port} other instances use to reach this one, or null for {@code localhost:<http-port>}
     */
    public record Http(String host, Path apiTokenFile, Path readTokenFile, String corsOrigin, String advertised) {

        /** Loopback only, generated token, open reads, no CORS. */
        public static Http local() {
            return new Http("127.0.0.1", null, null, null, null);
        }
    }

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
