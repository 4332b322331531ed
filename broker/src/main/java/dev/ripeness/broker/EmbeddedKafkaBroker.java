package dev.ripeness.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.image.MetadataDelta;
import org.apache.kafka.image.MetadataImage;
import org.apache.kafka.image.loader.LoaderManifest;
import org.apache.kafka.image.publisher.MetadataPublisher;
import org.apache.kafka.metadata.BrokerRegistration;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller, one node) running in
 * this JVM with its log on disk under {@code dataDir}. Formats the storage on first start
 * and reuses it after, so a restart finds every record it had.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String CONTROLLER = "CONTROLLER";

    private static final String SASL = "SASL_PLAINTEXT";
    /** Written by Kafka's log manager in each log dir on a clean shutdown, deleted at start. */
    private static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    /** User to password, for a SASL PLAIN client listener; empty for a PLAINTEXT one. */
    private final Map<String, String> saslUsers;
    /** The broker's own PLAINTEXT listener when clients get SASL (inter-broker traffic), else 0. */
    private final int internalPort;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path logDir, int port, int controllerPort, Map<String, String> saslUsers, int internalPort) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.saslUsers = Map.copyOf(saslUsers);
        this.internalPort = internalPort;
    }

    /**
     * Starts a broker on {@code port} (0 picks a free one) with its log in {@code dataDir/kafka}.
     *
     * @throws PortInUseException when {@code port} is taken, naming the port
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /**
     * Starts a broker whose client listener on {@code port} is {@code SASL_PLAINTEXT} with the PLAIN mechanism,
     * accepting exactly {@code users} (name to password); a client without credentials or with a wrong password
     * is refused. The broker's own traffic goes over a PLAINTEXT listener on another loopback port, as does the
     * controller's. Clients connect with {@link #saslPlainClient(String, String)}.
     *
     * @throws PortInUseException when {@code port} is taken, naming the port
     */
    public static EmbeddedKafkaBroker startWithSaslPlain(Path dataDir, int port, Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a SASL listener needs at least one user");
        }
        return start(dataDir, port, users);
    }

    private static EmbeddedKafkaBroker start(Path dataDir, int port, Map<String, String> saslUsers) {
        int brokerPort = port == 0 ? freePort() : requireFree(port);
        // The controller listener is internal: any free port will do, and a static voter
        // set takes it from the config, so it may differ from one start to the next.
        int controllerPort = freePort();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir.resolve("kafka"), brokerPort, controllerPort,
                saslUsers, saslUsers.isEmpty() ? 0 : freePort());
        broker.startServer();
        return broker;
    }

    /**
     * Client properties that log in to a {@link #startWithSaslPlain} broker as {@code user}: {@code
     * security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config}, what {@code --kafka-config} files hold.
     */
    public static Map<String, String> saslPlainClient(String user, String password) {
        return Map.of("security.protocol", SASL, "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=" + quoted(user)
                        + " password=" + quoted(password) + ";");
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private void startServer() {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's log directory " + logDir, e);
        }
        Properties props = config();
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format();
        } else if (!Files.exists(logDir.resolve(CLEAN_SHUTDOWN_FILE))) {
            fenceStaleRegistration();
        }
        long started = System.nanoTime();
        server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        server.startup();
        LOG.info("Kafka broker up on {} in {} ms, log in {}", bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000, logDir);
    }

    /**
     * After a kill (no clean-shutdown file), the metadata log still holds this broker registered and unfenced as
     * leader of every partition. Started as is, the restarted controller keeps that old registration's session
     * alive for broker.session.timeout.ms (9 s), refusing the new one, while the broker leads its partitions on that
     * old metadata and its transaction coordinator resends the markers of transactions it finds prepared; they cannot
     * be delivered before the broker is unfenced. When the session expires, the controller fences the broker, every
     * partition is leaderless for a moment, and Kafka 4.4's metadata cache reports a leaderless partition as unknown
     * (KAFKA-20734): the coordinator takes the partitions as deleted, drops them from the transaction and writes it
     * complete, so their markers are never written and the transactions hang for good.
     *
     * <p>So first the controller alone is started on the log, with a short broker session, until it has fenced the
     * old registration, and stopped. The broker then starts fenced, leads nothing until it is registered anew and
     * unfenced (at once: a fenced registration holds no session), and its coordinator only ever loads at the new
     * leader epoch, where every partition has a leader.
     */
    private void fenceStaleRegistration() {
        long started = System.nanoTime();
        Properties p = new Properties();
        p.put("process.roles", "controller");
        p.put("node.id", "1");
        p.put("listeners", CONTROLLER + "://127.0.0.1:" + controllerPort);
        p.put("listener.security.protocol.map", CONTROLLER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER);
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("log.dirs", logDir.toString());
        p.put("broker.session.timeout.ms", "1000");
        p.put("broker.heartbeat.interval.ms", "500");
        KafkaRaftServer controller = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
        controller.startup();
        try {
            // A broker killed before it ever registered leaves nothing to fence: then this waits out the deadline.
            fenced(controller).get(15, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the controller did not fence the killed broker's registration within 15 s (it may never have registered); starting anyway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("could not watch the controller's metadata ({}); starting anyway", e.getCause().toString());
        } finally {
            controller.shutdown();
            controller.awaitShutdown();
        }
        LOG.info("Fenced the killed broker's registration in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Completes once the controller's metadata has broker 1 fenced: a publisher on its metadata loader, which is
     * given the whole image when installed and every change after. KafkaRaftServer does not expose its controller,
     * so this reads the field; should that fail (another Kafka version), nothing can be watched and it completes
     * after the 1 s session plus margin instead.
     */
    @SuppressWarnings("unchecked")
    private static CompletableFuture<Void> fenced(KafkaRaftServer server) {
        try {
            java.lang.reflect.Field field = KafkaRaftServer.class.getDeclaredField("controller");
            field.setAccessible(true);
            ControllerServer controller = ((scala.Option<ControllerServer>) field.get(server)).get();
            FencedWatch watch = new FencedWatch();
            controller.sharedServer().loader().installPublishers(List.of(watch));
            return watch.fenced;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("cannot watch the controller's metadata ({}); waiting 3 s instead", e.toString());
            return new CompletableFuture<Void>().completeOnTimeout(null, 3, TimeUnit.SECONDS);
        }
    }

    /** Completes {@link #fenced} when the image has broker 1 registered and fenced. */
    private static final class FencedWatch implements MetadataPublisher {
        final CompletableFuture<Void> fenced = new CompletableFuture<>();

        @Override
        public String name() {
            return "ripeness-stale-registration-watch";
        }

        @Override
        public void onMetadataUpdate(MetadataDelta delta, MetadataImage image, LoaderManifest manifest) {
            BrokerRegistration broker = image.cluster().broker(1);
            if (broker != null && broker.fenced()) {
                fenced.complete(null);
            }
        }
    }

    private void format() {
        try {
            new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER)
                    .setHasDynamicQuorum(false)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    private Properties config() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        if (saslUsers.isEmpty()) {
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        } else {
            p.put("listeners", SASL + "://127.0.0.1:" + port + ",PLAINTEXT://127.0.0.1:" + internalPort + ","
                    + CONTROLLER + "://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", SASL + "://127.0.0.1:" + port + ",PLAINTEXT://127.0.0.1:" + internalPort);
            p.put("listener.security.protocol.map", SASL + ":" + SASL + ",PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
            p.put("sasl.enabled.mechanisms", "PLAIN");
            StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
            saslUsers.forEach((user, password) -> jaas.append(" user_").append(user).append('=').append(quoted(password)));
            p.put("listener.name." + SASL.toLowerCase(java.util.Locale.ROOT) + ".plain.sasl.jaas.config", jaas.append(';').toString());
        }
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER);
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        // Event records carry historical timestamps: time-based retention must never apply.
        p.put("log.retention.ms", "-1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        return p;
    }

    /** {@code 127.0.0.1:port}, for clients. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    /** Stops the broker and waits until its log is closed cleanly. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("Kafka broker stopped");
        }
    }

    /**
     * Checks that {@code port} can be bound on the loopback address now, so that a command can
     * refuse a taken port before it starts anything.
     *
     * @return the port
     * @throws PortInUseException when it is taken
     */
    public static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return port;
        } catch (IOException e) {
            throw new PortInUseException(port);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
