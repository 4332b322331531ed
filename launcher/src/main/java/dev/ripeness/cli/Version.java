package dev.ripeness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Prints the release and the Kafka client version it was built with. */
public final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String release = Ripeness.class.getPackage().getImplementationVersion();
        return new String[] {
                "ripeness " + (release == null ? "development build" : release),
                "Apache Kafka " + kafkaVersion()
        };
    }

    private static String kafkaVersion() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getClassLoader().getResourceAsStream("kafka/kafka-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
