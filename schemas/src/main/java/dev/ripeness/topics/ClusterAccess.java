package dev.ripeness.topics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * Whether this client may talk to the cluster, told in seconds and in words a user can act on. A client without
 * credentials gets no error from a SASL listener: the broker closes each connection after the first request, and
 * the client reconnects until its own deadline (a minute or two) ends in a bare timeout. Wrong credentials do
 * give an {@link AuthenticationException}. Both become a {@link Refused} naming the problem and the fix
 * ({@code --kafka-config}).
 */
public final class ClusterAccess {

    /** How long a first contact may take before it is diagnosed. */
    public static final Duration CONTACT_LIMIT = Duration.ofSeconds(10);

    static final String FIX = "put security.protocol, sasl.mechanism and sasl.jaas.config (user and password) in a "
            + "properties file and pass it with --kafka-config FILE (docs/operations.md, \"Kafka with SASL\")";

    private ClusterAccess() {}

    /** The cluster will not serve this client as configured; the message says why and what to change. */
    public static final class Refused extends IllegalStateException {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Asks the cluster who it is, within {@link #CONTACT_LIMIT}; a cluster that is only slow is left to the
     * caller's own deadlines.
     *
     * @throws Refused when the credentials are refused, the client cannot be built from the properties, the
     *                 brokers take connections but close them unanswered (credentials or TLS missing), or none listens
     */
    public static void check(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        int limit = (int) CONTACT_LIMIT.toMillis();
        config.put("request.timeout.ms", limit);
        config.put("default.api.timeout.ms", limit);
        Admin admin;
        try {
            admin = Admin.create(config);
        } catch (KafkaException e) {
            throw new Refused("cannot build a Kafka client from these properties: " + rootMessage(e) + "; " + FIX, e);
        }
        // Not try-with-resources: the diagnosis reads the client's connection counts, which closing drops.
        try {
            admin.describeCluster().clusterId().get(limit + 2_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Refused refused = diagnose(clientConfig, e instanceof ExecutionException ? e.getCause() : e, admin.metrics());
            if (refused != null) {
                throw refused;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted while contacting the Kafka cluster", e);
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /**
     * What went wrong, when it can be told: refused credentials, connections closed unanswered, or nobody
     * listening; null when the cluster may just be slow.
     *
     * @param failure what the client reported (an {@link AuthenticationException}, a timeout ...)
     * @param metrics the failing client's metrics (its connection counts)
     */
    public static Refused diagnose(Map<String, Object> clientConfig, Throwable failure,
                                   Map<MetricName, ? extends Metric> metrics) {
        String servers = String.valueOf(clientConfig.get("bootstrap.servers"));
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException) {
                return new Refused("the Kafka cluster at " + servers + " refused this client's credentials (" + t.getMessage()
                        + "): check the user and password in sasl.jaas.config and sasl.mechanism in the file given with "
                        + "--kafka-config FILE", t);
            }
        }
        if (!anyListening(servers)) {
            return new Refused("no Kafka broker listens at " + servers + ": is it running (`ripeness run`), and is "
                    + "--bootstrap-servers right?", failure);
        }
        Object protocol = clientConfig.getOrDefault("security.protocol", "PLAINTEXT");
        if (closedConnections(metrics) > 0 && "PLAINTEXT".equalsIgnoreCase(protocol.toString())) {
            return new Refused("the Kafka cluster at " + servers + " accepts connections but closes them without answering "
                    + "this client, which sends no credentials (security.protocol=PLAINTEXT): the listener most likely "
                    + "requires authentication (SASL) or TLS; " + FIX, failure);
        }
        return null;
    }

    private static double closedConnections(Map<MetricName, ? extends Metric> metrics) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals("connection-close-total") && e.getValue().metricValue() instanceof Number)
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    private static boolean anyListening(String servers) {
        for (String server : servers.split(",")) {
            int colon = server.strip().lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(server.strip().substring(0, colon),
                        Integer.parseInt(server.strip().substring(colon + 1))), 1_000);
                return true;
            } catch (IOException | IllegalArgumentException e) {
                // try the next one
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
