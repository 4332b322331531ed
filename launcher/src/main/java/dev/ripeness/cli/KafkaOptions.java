package dev.ripeness.cli;

import dev.ripeness.topics.ClusterAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** How a command reaches Kafka: options shared by every subcommand. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster to use. `run` embeds its own broker when this is absent; "
                    + "other commands default to the broker of a local `ripeness run` (localhost:9092).")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Client properties (SASL, SSL, ...) passed to every Kafka client unchanged.")
    Path kafkaConfig;

    @Option(names = "--partitions", defaultValue = "3", paramLabel = "N",
            description = "Partitions for topics this command creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "1", paramLabel = "N",
            description = "Replication factor for topics this command creates (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    /** The bootstrap servers to use: the named cluster, or {@code fallback} when none is named. */
    public String bootstrap(String fallback) {
        return bootstrapServers != null ? bootstrapServers : fallback;
    }

    public boolean external() {
        return bootstrapServers != null;
    }

    /** Client properties: the {@code --kafka-config} file plus {@code bootstrap.servers}. */
    public Map<String, Object> clientConfig(String bootstrap) {
        Map<String, Object> config = fileProperties();
        config.put("bootstrap.servers", bootstrap);
        return config;
    }

    /**
     * {@link #clientConfig(String)} after a first contact with the cluster: refused credentials, a listener that
     * wants credentials these properties lack, or no broker at all end the command within seconds with what to fix.
     */
    public Map<String, Object> checkedClientConfig(String bootstrap) {
        Map<String, Object> config = clientConfig(bootstrap);
        try {
            ClusterAccess.check(config);
        } catch (ClusterAccess.Refused e) {
            throw new UserException(e.getMessage());
        }
        return config;
    }

    /** The properties of the {@code --kafka-config} file, empty when none is named. */
    public Map<String, Object> fileProperties() {
        Map<String, Object> config = new HashMap<>();
        if (kafkaConfig != null) {
            Properties file = new Properties();
            try (InputStream in = Files.newInputStream(kafkaConfig)) {
                file.load(in);
            } catch (IOException e) {
                throw new UserException("cannot read --kafka-config " + kafkaConfig + ": " + e.getMessage());
            }
            file.forEach((k, v) -> config.put((String) k, v));
        }
        return config;
    }

    public int partitions() {
        return partitions;
    }

    public short replicationFactor() {
        return replicationFactor;
    }
}
