package dev.ripeness.api.http;

import dev.ripeness.api.live.StateChanges;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.feed.EventFeed;
import dev.ripeness.streams.query.StateQueries;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API, live push and dashboard of one instance, on Jetty.
 *
 * <p>Connections are read by Jetty's selector without holding a thread, so a client that
 * sends its request slowly (or not at all) costs a socket, not a thread, until the idle
 * timeout closes it; at most {@link Builder#maxConnections} are open at once. Requests run
 * on a bounded pool; each open live stream holds one of its threads,
 * and the number of streams is capped well below the pool size so that reads always find one.
 * Closing stops accepting, ends the live streams, lets requests in flight finish (for at most
 * {@link Builder#stopTimeout}), and only then returns, so that what they write is written.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final LiveStreams live;
    private final HttpMetrics metrics;
    private final String writeToken;

    private ApiServer(Server server, ServerConnector connector, LiveStreams live, HttpMetrics metrics, String writeToken) {
        this.server = server;
        this.connector = connector;
        this.live = live;
        this.metrics = metrics;
        this.writeToken = writeToken;
    }

    /** A new random token (32 bytes, URL-safe Base64). */
    public static String newToken() {
        return Access.newToken();
    }

    /** The token {@code POST} needs ({@code Authorization: Bearer TOKEN}): the one given, or one made at start. */
    public String writeToken() {
        return writeToken;
    }

    /**
     * Starts the API on {@code port} (0 = any free port) with default settings.
     *
     * @param feed where {@code POST /api/events} goes; null answers 503 there
     * @throws HttpPortInUseException when the port is taken
     */
    public static ApiServer start(int port, StateQueries queries, EventFeed feed, ConflictCatalog catalog,
                                  StateChanges changes, MeterBinder... metrics) {
        return builder(queries, catalog).port(port).feed(feed).metrics(metrics).changes(changes).start();
    }

    /** A builder for the settings the short {@link #start} leaves at their defaults. */
    public static Builder builder(StateQueries queries, ConflictCatalog catalog) {
        return new Builder(queries, catalog);
    }

    /** The port the server listens on (the real one when 0 was asked for). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The dashboard's address, e.g. {@code http://127.0.0.1:8080/} (the loopback address unless bound elsewhere). */
    public String url() {
        InetAddress bound = new InetSocketAddress(connector.getHost(), 0).getAddress();
        String host = bound == null || bound.isAnyLocalAddress() ? "localhost" : bound.getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    /**
     * Stops accepting, ends the live streams, waits for the requests in flight (at most the
     * stop timeout), then closes every connection.
     */
    @Override
    public void close() {
        live.close();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the HTTP server did not stop cleanly: {}", e.toString());
        }
        metrics.close();
    }

    /** Settings of an {@link ApiServer}; every one has a default fit for {@code ripeness run}. */
    public static final class Builder {
        private final StateQueries queries;
        private final ConflictCatalog catalog;
        private int port = 8080;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private String advertised;
        private String writeToken;
        private String readToken;
        private String corsOrigin;
        private EventFeed feed;
        private List<MeterBinder> metrics = List.of();
        private PipelineStatus pipeline = PipelineStatus.NONE;
        private StateChanges changes = StateChanges.NONE;
        private Duration keepAlive = Duration.ofSeconds(15);
        private Duration statePatience = Duration.ofSeconds(2);
        private int retryAfterSeconds = 5;
        private int maxBodyBytes = 1 << 20;
        private int maxLiveClients = 64;
        private int maxConnections = 1_000;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(10);
        private KnownAtSource knownAt;
        private ComparisonRuns runs;

        private Builder(StateQueries queries, ConflictCatalog catalog) {
            this.queries = Objects.requireNonNull(queries, "queries");
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /** Port to listen on; 0 picks a free one. Default 8080. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Interface to listen on; default the loopback address, so that nothing outside this
         * machine reaches the API until asked (other instances must reach this one to forward reads).
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The token every {@code POST} needs; default a random one made at start ({@link ApiServer#writeToken()}). */
        public Builder writeToken(String token) {
            this.writeToken = token;
            return this;
        }

        /** The token reads of {@code /api} and {@code /metrics} need; default none (reads are open). */
        public Builder readToken(String token) {
            this.readToken = token;
            return this;
        }

        /** The one origin allowed cross-origin requests (e.g. {@code https://analysis.example.org}); default none. */
        public Builder corsOrigin(String origin) {
            this.corsOrigin = origin;
            return this;
        }

        /** How this instance names itself in the forwarding header; default {@code host:port} of the local host. */
        public Builder advertisedAs(String hostPort) {
            this.advertised = hostPort;
            return this;
        }

        public Builder feed(EventFeed feed) {
            this.feed = feed;
            return this;
        }

        /**
         * More meters for {@code /metrics}, e.g. Micrometer's {@code KafkaStreamsMetrics} for the
         * pipeline; binders that are {@link AutoCloseable} are closed with the server.
         */
        public Builder metrics(MeterBinder... binders) {
            this.metrics = List.of(binders);
            return this;
        }

        /** What {@code /ready} waits for; default none (always ready). */
        public Builder pipeline(PipelineStatus status) {
            this.pipeline = status == null ? PipelineStatus.NONE : status;
            return this;
        }

        public Builder changes(StateChanges changes) {
            this.changes = changes == null ? StateChanges.NONE : changes;
            return this;
        }

        /** How often an idle live stream sends a keep-alive comment. Default 15 s. */
        public Builder keepAlive(Duration keepAlive) {
            this.keepAlive = keepAlive;
            return this;
        }

        /** How long a read retries while the state is unavailable before answering 503. Default 2 s. */
        public Builder statePatience(Duration patience) {
            this.statePatience = patience;
            return this;
        }

        /** The Retry-After of a 503 during a rebalance. Default 5 s. */
        public Builder retryAfterSeconds(int seconds) {
            this.retryAfterSeconds = seconds;
            return this;
        }

        /** Largest {@code POST /api/events} body; larger ones get 413. Default 1 MiB. */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Most live streams open at once; more get 503. Default 64. */
        public Builder maxLiveClients(int clients) {
            this.maxLiveClients = clients;
            return this;
        }

        /** Most connections open at once; past it new ones wait in the kernel's backlog. Default 1,000. */
        public Builder maxConnections(int connections) {
            this.maxConnections = connections;
            return this;
        }

        /**
         * How long a connection may send or take nothing before it is closed (a slow or stalled
         * client, an idle keep-alive). Default 30 s; live streams send a keep-alive more often.
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** How long closing waits for requests in flight. Default 10 s. */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /** Answers {@code ?knownAt=}; without one such requests get 501. */
        public Builder knownAt(KnownAtSource source) {
            this.knownAt = source;
            return this;
        }

        /** Kept comparison runs for {@code GET /api/runs} and {@code timeline?run=}; without: no runs, and {@code run=} gets 501. */
        public Builder comparisonRuns(ComparisonRuns runs) {
            this.runs = runs;
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @throws HttpPortInUseException when the port is taken
         */
        public ApiServer start() {
            String token = writeToken != null ? writeToken : Access.newToken();
            // Live streams hold a thread each; the rest answer reads and writes. The job queue needs no
            // bound of its own: an HTTP/1.1 connection has one request at a time, and connections are capped.
            QueuedThreadPool threads = new QueuedThreadPool(maxLiveClients + 48, 8);
            threads.setName("ripeness-http");
            threads.setDaemon(true);
            Server server = new Server(threads);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setRequestHeaderSize(16 * 1024);
            // A body trickled in slower than this is cut off instead of holding its thread.
            http.setMinRequestDataRate(1_024);
            ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
            connector.setHost(bindAddress.getHostAddress());
            connector.setPort(port);
            connector.setIdleTimeout(idleTimeout.toMillis());
            connector.setAcceptQueueSize(256);
            connector.setReuseAddress(true);
            server.addConnector(connector);
            server.addBean(new NetworkConnectionLimit(maxConnections, connector));
            LiveStreams live = new LiveStreams(changes, keepAlive, maxLiveClients);
            HttpMetrics meters = new HttpMetrics(live, pipeline, changes, metrics);
            ApiRoutes routes = new ApiRoutes(queries, feed, catalog, meters, changes,
                    new StateReads(statePatience, retryAfterSeconds), live, null, maxBodyBytes, knownAt, runs,
                    new Access(token, readToken, corsOrigin), pipeline);
            server.setHandler(new GracefulHandler(routes));
            server.setStopTimeout(stopTimeout.toMillis());
            server.setStopAtShutdown(false);
            try {
                connector.open();
            } catch (IOException e) {
                meters.close();
                if (e instanceof BindException || e.getCause() instanceof BindException) {
                    throw new HttpPortInUseException(port, e);
                }
                throw new IllegalStateException("cannot listen on " + bindAddress.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
            }
            String self = advertised != null ? advertised : localName() + ":" + connector.getLocalPort();
            routes.proxy(new OwnerProxy(self));
            try {
                server.start();
            } catch (Exception e) {
                try {
                    server.stop();
                } catch (Exception ignored) {
                    // already failing
                }
                meters.close();
                throw new IllegalStateException("cannot start the HTTP server: " + e.getMessage(), e);
            }
            LOG.info("HTTP API listening on {}:{}", bindAddress.getHostAddress(), connector.getLocalPort());
            return new ApiServer(server, connector, live, meters, token);
        }

        private static String localName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "localhost";
            }
        }
    }
}
