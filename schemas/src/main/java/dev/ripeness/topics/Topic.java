package dev.ripeness.topics;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic declared once: name, serdes, what its key and value hold, and how long Kafka
 * keeps it.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Kind kind,
                          String keyFormat, String valueFormat, String doc) {

    /** How a topic is retained. */
    public enum Kind {
        /** Append-only source of truth: never deleted, never compacted. */
        LOG,
        /** Current value per key: compacted. */
        STATE
    }

    /** The prefix every catalog name starts with. */
    public static final String PREFIX = "ripeness.";

    /** The name without {@value #PREFIX}: {@code assessment-timeline}; side runs, files and node names build on it. */
    public String shortName() {
        return shortName(name);
    }

    /** {@code name} without {@value #PREFIX}, when it has it. */
    public static String shortName(String name) {
        return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
    }

    /** Broker-side configuration for this topic. */
    public Map<String, String> configs() {
        return switch (kind) {
            // Events carry historical timestamps: time-based retention would delete them at once.
            case LOG -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, "-1",
                    TopicConfig.RETENTION_BYTES_CONFIG, "-1");
            case STATE -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.RETENTION_MS_CONFIG, "-1");
        };
    }
}
