package dev.ripeness.broker.testing;

import dev.ripeness.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker shared by every integration test of a test JVM.
 *
 * <p>The switch is {@code -Dripeness.test.broker} (or {@code RIPENESS_TEST_BROKER}):
 * {@code embedded} runs {@link EmbeddedKafkaBroker} in this JVM; {@code testcontainers}
 * runs the {@code apache/kafka} image; {@code auto} (the default) uses the image when a
 * Docker engine answers and the embedded broker otherwise, so nothing is skipped for lack
 * of Docker. Tests register with {@code @ExtendWith(TestKafka.class)} and read
 * {@link #bootstrapServers()}; they keep apart by {@link #unique(String)} names.
 */
public final class TestKafka implements BeforeAllCallback {

    /** The {@code apache/kafka} image used where Docker exists; same release as the embedded jars. */
    public static final String IMAGE = "apache/kafka:4.4.0";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static volatile String bootstrap;

    @Override
    public void beforeAll(ExtensionContext context) {
        bootstrapServers();
    }

    /** Starts the shared broker on first use; returns its bootstrap address. */
    public static synchronized String bootstrapServers() {
        if (bootstrap == null) {
            bootstrap = switch (mode()) {
                case "testcontainers" -> startContainer();
                case "embedded" -> startEmbedded();
                default -> dockerAvailable() ? startContainer() : startEmbedded();
            };
        }
        return bootstrap;
    }

    /** A name no other test of this run uses: {@code prefix-<n>-<pid>}. */
    public static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + ProcessHandle.current().pid();
    }

    private static String mode() {
        String value = System.getProperty("ripeness.test.broker", System.getenv("RIPENESS_TEST_BROKER"));
        return value == null ? "auto" : value.toLowerCase(Locale.ROOT);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String startEmbedded() {
        try {
            Path dir = Files.createTempDirectory("ripeness-test-kafka");
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-shutdown"));
            return broker.bootstrapServers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
    private static String startContainer() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return container.getBootstrapServers();
    }
}
