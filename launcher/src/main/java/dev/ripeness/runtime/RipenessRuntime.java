package dev.ripeness.runtime;

import dev.ripeness.api.http.ApiServer;
import dev.ripeness.api.http.CachedKnownAt;
import dev.ripeness.api.http.ComparisonRuns;
import dev.ripeness.api.http.KnownAtSource;
import dev.ripeness.api.http.PipelineStatus;
import dev.ripeness.api.live.KafkaStateChanges;
import dev.ripeness.broker.EmbeddedKafkaBroker;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.feed.EventFeed;
import dev.ripeness.producers.feed.EventLogContents;
import dev.ripeness.producers.feed.FeedTopics;
import dev.ripeness.producers.feed.FeedSummary;
import dev.ripeness.producers.feed.KafkaEventFeed;
import dev.ripeness.producers.history.BundledHistory;
import dev.ripeness.replay.KeptComparisonRuns;
import dev.ripeness.replay.KnownAtQueries;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.sinks.SinkTopics;
import dev.ripeness.sinks.files.FileSink;
import dev.ripeness.sinks.postgres.PostgresSettings;
import dev.ripeness.sinks.postgres.PostgresSink;
import dev.ripeness.streams.RipenessPipeline;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.query.KafkaStreamsStateQueries;
import dev.ripeness.streams.query.StateQueries;
import dev.ripeness.topics.ClusterAccess;
import dev.ripeness.topics.TopicAdmin;
import dev.ripeness.topics.Topics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code ripeness run} starts, in order, and stops in the reverse order so that
 * the broker closes its log only after every client has let go of it.
 */
public final class RipenessRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RipenessRuntime.class);

    /** Application id of the live pipeline; its stores and changelogs are named after it. */
    public static final String PIPELINE_APPLICATION_ID = RipenessPipeline.LIVE_APPLICATION_ID;

    private final RuntimeSettings settings;
    /** Loaded once: the pipeline, the feeds and the API must agree on the conflicts. */
    private final ConflictCatalog catalog;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private String bootstrap;
    private StateQueries stateQueries;
    private ApiServer api;
    private ApiTokens.Token writeToken;
    private PipelineProbe probe;
    private RipenessPipeline pipeline;

    private final ModelConfig model;

    private RipenessRuntime(RuntimeSettings settings, ModelConfig model) {
        this.settings = settings;
        this.catalog = settings.catalog();
        this.model = model;
    }

    /** {@link #start(RuntimeSettings, ModelConfig)} with the bundled model. */
    public static RipenessRuntime start(RuntimeSettings settings) {
        return start(settings, ModelConfig.bundled());
    }

    /**
     * Starts broker (unless external) and topics, loads the bundled history into an empty
     * log, then the pipeline (running {@code model}) and the API.
     */
    public static RipenessRuntime start(RuntimeSettings settings, ModelConfig model) {
        RipenessRuntime runtime = new RipenessRuntime(settings, model);
        try {
            runtime.startAll();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void startAll() {
        // Before anything starts: the data dir is ours alone, and the ports are free.
        DataDirLock lock = DataDirLock.acquire(settings.dataDir());
        started.push(lock);
        lock.uncleanStop().ifPresent(pid -> LOG.warn("the last `ripeness run` on {} (process {}) did not stop cleanly (killed or "
                + "crashed): Kafka Streams wipes the state of the tasks it had open and restores it from their changelogs, and may "
                + "log that recovery as an ERROR (TaskCorruptedException), which needs nothing from you; if /ready stays 503 "
                + "see docs/operations.md, \"kill -9 during a feed\"", settings.dataDir(), pid));
        checkHttpPortFree();
        if (settings.bootstrapServers() == null) {
            EmbeddedKafkaBroker.requireFree(settings.kafkaPort());
        }
        writeToken = ApiTokens.writeToken(settings.dataDir(), settings.http().apiTokenFile());
        if (settings.bootstrapServers() == null) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings.dataDir(), settings.kafkaPort());
            started.push(broker);
            bootstrap = broker.bootstrapServers();
        } else {
            bootstrap = settings.bootstrapServers();
            // Missing or wrong credentials end the start in seconds, saying so, not in a minute's timeouts.
            ClusterAccess.check(clientConfig());
        }
        try (Admin admin = Admin.create(clientConfig())) {
            List<String> created = TopicAdmin.ensure(admin, Topics.all(), settings.partitions(), settings.replicationFactor());
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
            if (settings.loadHistory() && eventLogIsEmpty(admin)) {
                loadHistory();
            }
        }
        pipeline = startPipeline();
        // The HTTP feed asks the log itself: a re-post is a DUPLICATE, the same eventId with other content a conflict.
        EventLogContents log = new EventLogContents(clientConfig(), Topics.EVENTS.name());
        own(log);
        KafkaEventFeed feed = new KafkaEventFeed(feedConfig(), catalog, FeedTopics.DEFAULT, log, KafkaEventFeed.DEFAULT_BATCH);
        own(feed);
        // Before /ready can answer: a transaction the killed previous run left open is aborted now.
        feed.open();
        probe = new PipelineProbe(pipeline.streams(), PIPELINE_APPLICATION_ID, clientConfig());
        own(probe);
        if (settings.bootstrapServers() == null) {
            // The broker is ours: end what a crash left hanging in the offsets topic if the pipeline stays stuck.
            own(new HangingTransactionWatch(clientConfig(), probe::state));
        }
        startApi(stateQueries, feed, new KafkaStreamsMetrics(pipeline.streams()), probe);
    }

    /** Whether the event log holds no record at all (sum of its partitions' end offsets is 0). */
    private static boolean eventLogIsEmpty(Admin admin) {
        try {
            String topic = Topics.EVENTS.name();
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event log's end offsets", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the event log's end offsets: " + e.getCause().getMessage(), e);
        }
    }

    /** Feeds the bundled history (every bundled conflict's history/*.jsonl) through the ordinary feed. */
    private void loadHistory() {
        try (KafkaEventFeed feed = new KafkaEventFeed(feedConfig(), catalog)) {
            FeedSummary summary = BundledHistory.load(feed, catalog, r -> { });
            LOG.info("loaded bundled history {} into the empty event log: {}", BundledHistory.conflicts(catalog), summary);
            if (summary.rejected() > 0) {
                LOG.warn("bundled history: {} records rejected (see {}), first: {}", summary.rejected(),
                        Topics.DEAD_LETTERS.name(), summary.firstReasons().get(0));
            }
        }
    }

    /**
     * Starts the HTTP API, live push and dashboard on {@code settings.httpPort()}, after the
     * pipeline so that the first request finds state to read.
     *
     * @param feed where {@code POST /api/events} goes (null: answered with 503)
     * @param pipelineMetrics the pipeline's Kafka Streams metrics for {@code /metrics}, closed with the API
     * @throws dev.ripeness.api.http.HttpPortInUseException when the port is taken
     */
    private void startApi(StateQueries queries, EventFeed feed, KafkaStreamsMetrics pipelineMetrics, PipelineStatus probe) {
        KafkaStateChanges changes = KafkaStateChanges.start(clientConfig());
        own(changes);
        RuntimeSettings.Http http = settings.http();
        api = ApiServer.builder(queries, catalog).port(settings.httpPort()).bindAddress(bindAddress(http.host()))
                .writeToken(writeToken.value())
                .readToken(http.readTokenFile() == null ? null : ApiTokens.read(http.readTokenFile()))
                .corsOrigin(http.corsOrigin()).advertisedAs(applicationServer()).feed(feed).pipeline(probe)
                .metrics(pipelineMetrics, changes.meters()).changes(changes)
                .knownAt(new CachedKnownAt(knownAtSource(new KnownAtQueries(clientConfig(), catalog, model))))
                .comparisonRuns(comparisonRuns(new KeptComparisonRuns(clientConfig())))
                .start();
        own(api);
    }

    /**
     * {@code ?knownAt=} answered by a replay of the conflict's partition of the log (see docs/replay.md
     * for the cost), cached per (conflict, instant) with at most two replays at once.
     */
    private static KnownAtSource knownAtSource(KnownAtQueries queries) {
        return new KnownAtSource() {
            @Override
            public Optional<RipenessAssessment> ripeness(String conflict, Instant knownAt, LocalDate asOf) {
                return queries.ripeness(conflict, knownAt, asOf);
            }

            @Override
            public List<RipenessAssessment> timeline(String conflict, Instant knownAt) {
                return queries.timeline(conflict, knownAt);
            }
        };
    }

    /** {@code /api/runs} and {@code ?run=} answered from the comparison runs kept on the cluster. */
    private static ComparisonRuns comparisonRuns(KeptComparisonRuns kept) {
        return new ComparisonRuns() {
            @Override
            public List<String> runs() {
                return kept.runs();
            }

            @Override
            public Optional<List<RipenessAssessment>> timeline(String run, String conflict) {
                return kept.timeline(run, conflict);
            }
        };
    }

    /** Fails now, not after the broker and pipeline have started, when the HTTP port is taken. */
    private void checkHttpPortFree() {
        if (settings.httpPort() == 0) {
            return;
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(bindAddress(settings.http().host()), settings.httpPort()));
        } catch (IOException e) {
            throw new dev.ripeness.api.http.HttpPortInUseException(settings.httpPort(), e);
        }
    }

    private static java.net.InetAddress bindAddress(String host) {
        try {
            return java.net.InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("--http-host " + host + " is not an address of this machine: " + e.getMessage(), e);
        }
    }

    /**
     * What other instances use to reach this one's API: {@code --advertised-http}, else an
     * {@code application.server} from {@code --kafka-config}, else {@code localhost:<http-port>}
     * (enough for instances on one machine only).
     */
    private String applicationServer() {
        if (settings.http().advertised() != null) {
            return settings.http().advertised();
        }
        Object configured = settings.clientProperties().get("application.server");
        return configured != null ? configured.toString() : "localhost:" + settings.httpPort();
    }

    /** The pipeline's state and how far it is behind the log, as {@code /ready} reports them. */
    public PipelineStatus pipelineStatus() {
        return probe;
    }

    /** Conflicts whose consumed events are not folded into the state yet (-1 while unknown). */
    public long pendingFolds() {
        return pipeline.pendingFolds();
    }

    /** The dashboard's address, e.g. {@code http://127.0.0.1:8080/}. */
    public String dashboardUrl() {
        return api.url();
    }

    /** The token {@code POST /api/events} needs, and the file it is kept in. */
    public ApiTokens.Token writeToken() {
        return writeToken;
    }

    /**
     * Starts the ripeness pipeline on this runtime's cluster: application id
     * {@value #PIPELINE_APPLICATION_ID}, local state in {@code <data-dir>/streams},
     * {@code application.server} as {@link #applicationServer()} says, so that queries can be routed; the
     * model is the bundled one unless {@code --model FILE}. It stops after the API and before
     * the broker.
     */
    private RipenessPipeline startPipeline() {
        String server = applicationServer();
        Map<String, Object> overrides = new HashMap<>(settings.clientProperties());
        overrides.put("application.server", server);
        // A crashed instance's conflicts move to the others after the session timeout: 10 s instead
        // of the client default of 45 s, unless --kafka-config says otherwise.
        overrides.putIfAbsent("session.timeout.ms", 10_000);
        overrides.putIfAbsent("heartbeat.interval.ms", 2_000);
        RipenessPipeline pipeline = RipenessPipeline.start(catalog, model,
                RipenessPipeline.config(bootstrap, PIPELINE_APPLICATION_ID, settings.dataDir().resolve("streams"), overrides));
        own(pipeline);
        stateQueries = new KafkaStreamsStateQueries(pipeline.streams(), server, catalog, model);
        LOG.info("pipeline {} started with model {}", PIPELINE_APPLICATION_ID, model.version());
        return pipeline;
    }

    /** The model the pipeline runs. */
    public ModelConfig model() {
        return model;
    }

    /** The running pipeline's state (for the API and commands). */
    public StateQueries stateQueries() {
        return stateQueries;
    }

    /**
     * Starts the sinks asked for (null = not wanted) on this runtime's cluster; they stop
     * before everything started earlier.
     *
     * @throws IllegalStateException when a sink cannot start; the message says what to fix
     */
    public void startSinks(PostgresSettings postgres, Path filesDir, FileSink.LogCompression filesCompression) {
        if (postgres != null) {
            try {
                own(PostgresSink.start(postgres, clientConfig(), SinkTopics.defaults(), PostgresSink.DEFAULT_GROUP));
            } catch (SQLException e) {
                throw new IllegalStateException("--sink-postgres: " + e.getMessage(), e);
            }
        }
        if (filesDir != null) {
            try {
                own(FileSink.start(filesDir, clientConfig(), SinkTopics.defaults(), FileSink.DEFAULT_GROUP, filesCompression));
            } catch (IOException e) {
                throw new IllegalStateException("--sink-files: cannot write to " + filesDir + ": " + e.getMessage(), e);
            }
        }
    }

    /** Kafka client properties for this runtime's cluster. */
    public Map<String, Object> clientConfig() {
        return settings.clientConfig(bootstrap);
    }

    /** Client properties of this data dir's feeds (history load, then HTTP): one transactional.id across restarts. */
    private Map<String, Object> feedConfig() {
        Map<String, Object> config = clientConfig();
        config.putIfAbsent("transactional.id", FeedIdentity.of(settings.dataDir()));
        return config;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** Registers a part to close before everything started earlier. */
    void own(AutoCloseable part) {
        started.push(part);
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
