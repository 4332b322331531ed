package dev.ripeness.sinks.http;

import com.sun.net.httpserver.HttpServer;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.feed.EventFeed;
import dev.ripeness.streams.query.StateQueries;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API, live push and dashboard of one instance, on the JDK's built-in server.
 *
 * <p>Requests run on a bounded pool; each open live stream holds one of its threads, and
 * the number of streams is capped below the pool size so that reads always find a thread.
 * Closing stops accepting, ends the live streams and waits briefly for answers in flight.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final LiveStreams live;

    private ApiServer(HttpServer server, ThreadPoolExecutor pool, LiveStreams live) {
        this.server = server;
        this.pool = pool;
        this.live = live;
    }

    /**
     * Starts the API on {@code port} (0 = any free port) with default settings.
     *
     * @param feed where {@code POST /api/events} goes; null answers 503 there
     * @throws HttpPortInUseException when the port is taken
     */
    public static ApiServer start(int port, StateQueries queries, EventFeed feed, ConflictCatalog catalog,
                                  MetricsSource metrics, StateChanges changes) {
        return builder(queries, catalog).port(port).feed(feed).metrics(metrics).changes(changes).start();
    }

    /** A builder for the settings the short {@link #start} leaves at their defaults. */
    public static Builder builder(StateQueries queries, ConflictCatalog catalog) {
        return new Builder(queries, catalog);
    }

    /** The port the server listens on (the real one when 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The dashboard's address on this machine, e.g. {@code http://localhost:8080/}. */
    public String url() {
        return "http://localhost:" + port() + "/";
    }

    @Override
    public void close() {
        live.close();
        // stop(n > 0) on JDK 17 waits the full n seconds even when idle; live streams are already ended above.
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Settings of an {@link ApiServer}; every one has a default fit for {@code ripeness run}. */
    public static final class Builder {
        private final StateQueries queries;
        private final ConflictCatalog catalog;
        private int port = 8080;
        private InetAddress bindAddress;
        private String advertised;
        private EventFeed feed;
        private MetricsSource metrics = MetricsSource.NONE;
        private StateChanges changes = StateChanges.NONE;
        private Duration keepAlive = Duration.ofSeconds(15);
        private Duration statePatience = Duration.ofSeconds(2);
        private int retryAfterSeconds = 5;
        private int maxBodyBytes = 1 << 20;
        private int maxLiveClients = 64;
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

        /** Interface to listen on; default all interfaces (other instances must reach this one to forward reads). */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = address;
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

        public Builder metrics(MetricsSource metrics) {
            this.metrics = metrics == null ? MetricsSource.NONE : metrics;
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
            InetSocketAddress address = bindAddress == null ? new InetSocketAddress(port) : new InetSocketAddress(bindAddress, port);
            HttpServer server;
            try {
                server = HttpServer.create(address, 64);
            } catch (BindException e) {
                throw new HttpPortInUseException(port, e);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the HTTP server on port " + port + ": " + e.getMessage(), e);
            }
            AtomicInteger threads = new AtomicInteger();
            // Core threads for ordinary reads, plus one per live stream; SynchronousQueue so a burst grows the pool instead of queueing behind streams.
            ThreadPoolExecutor pool = new ThreadPoolExecutor(4, maxLiveClients + 16, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    r -> {
                        Thread t = new Thread(r, "ripeness-http-" + threads.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.CallerRunsPolicy());
            LiveStreams live = new LiveStreams(changes, keepAlive, maxLiveClients);
            String self = advertised != null ? advertised : localName() + ":" + server.getAddress().getPort();
            server.createContext("/", new ApiRoutes(queries, feed, catalog, metrics, changes,
                    new StateReads(statePatience, retryAfterSeconds), live, new OwnerProxy(self), maxBodyBytes, knownAt, runs));
            server.setExecutor(pool);
            server.start();
            LOG.info("HTTP API listening on port {}", server.getAddress().getPort());
            return new ApiServer(server, pool, live);
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
