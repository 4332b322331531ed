package dev.ripeness.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir} and {@code --kafka-port}: where the embedded broker keeps its log and listens. */
public final class LocalBrokerOptions {

    @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "DIR",
            description = "Broker log and local state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT",
            description = "Without --bootstrap-servers: the port of the embedded broker; `replay` uses the broker of a running "
                    + "`ripeness run` there, or starts its own on --data-dir (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    /** The data directory, absolute and normalised. */
    public Path dataDir() {
        return dataDir.toAbsolutePath().normalize();
    }

    public int kafkaPort() {
        return kafkaPort;
    }
}
