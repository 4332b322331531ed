package dev.ripeness.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: INFO logs, the broker's and the Kafka clients' own included. */
public final class VerboseOption {

    @Option(names = "--verbose", description = "Log at INFO, including the broker's and the Kafka clients' own logs.")
    boolean verbose;

    /** Sets the log level for this run. */
    public void apply() {
        Logging.setVerbose(verbose);
    }
}
