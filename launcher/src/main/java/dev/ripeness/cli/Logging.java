package dev.ripeness.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Logs go to stderr; quiet unless {@code --verbose}. */
final class Logging {

    private static volatile boolean verbose;

    private Logging() {}

    static void setVerbose(boolean on) {
        verbose = on;
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(on ? Level.INFO : Level.WARN);
        ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(on ? Level.INFO : Level.ERROR);
        ((Logger) LoggerFactory.getLogger("kafka")).setLevel(on ? Level.INFO : Level.ERROR);
    }

    static boolean isVerbose() {
        return verbose;
    }
}
