package dev.ripeness.runtime;

import dev.ripeness.broker.EmbeddedKafkaBroker;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.feed.EventFeed;
import dev.ripeness.producers.feed.FeedSummary;
import dev.ripeness.producers.feed.KafkaEventFeed;
import dev.ripeness.producers.history.BundledHistory;
import dev.ripeness.sinks.SinkTopics;
import dev.ripeness.sinks.files.FileSink;
import dev.ripeness.sinks.http.ApiServer;
import dev.ripeness.sinks.http.KafkaStateChanges;
import dev.ripeness.sinks.http.MetricsSource;
import dev.ripeness.sinks.postgres.PostgresSettings;
import dev.ripeness.sinks.postgres.PostgresSink;
import dev.ripeness.streams.query.StateQueries;
import dev.ripeness.streams.query.StateUnavailableException;
import dev.ripeness.topics.TopicAdmin;
import dev.ripeness.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
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

    private final RuntimeSettings settings;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private String bootstrap;
    private ApiServer api;

    private RipenessRuntime(RuntimeSettings settings) {
        this.settings = settings;
    }

    /** Starts broker (unless external) and topics, then the parts the settings ask for. */
    public static RipenessRuntime start(RuntimeSettings settings) {
        RipenessRuntime runtime = new RipenessRuntime(settings);
        try {
            runtime.startAll();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void startAll() {
        if (settings.bootstrapServers() == null) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings.dataDir(), settings.kafkaPort());
            started.push(broker);
            bootstrap = broker.bootstrapServers();
        } else {
            bootstrap = settings.bootstrapServers();
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
        // MERGE NOTE (api branch): the pipeline starts here. Once streams is merged,
        // replace the placeholder with the pipeline's StateQueries and pass
        // MetricsSource.of(kafkaStreams::metrics) as the third argument.
        ConflictCatalog catalog = ConflictCatalog.bundled();
        KafkaEventFeed feed = new KafkaEventFeed(clientConfig(), catalog);
        own(feed);
        startApi(PipelineNotStarted.QUERIES, feed, MetricsSource.NONE);
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
        ConflictCatalog catalog = ConflictCatalog.bundled();
        try (KafkaEventFeed feed = new KafkaEventFeed(clientConfig(), catalog)) {
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
     * @param pipelineMetrics the pipeline's Kafka metrics for {@code /metrics}
     * @throws dev.ripeness.sinks.http.HttpPortInUseException when the port is taken
     */
    private void startApi(StateQueries queries, EventFeed feed, MetricsSource pipelineMetrics) {
        KafkaStateChanges changes = KafkaStateChanges.start(clientConfig());
        own(changes);
        api = ApiServer.start(settings.httpPort(), queries, feed, ConflictCatalog.bundled(),
                MetricsSource.of(pipelineMetrics::kafkaMetrics, changes::metrics), changes);
        own(api);
    }

    /** The dashboard's address, e.g. {@code http://localhost:8080/}. */
    public String dashboardUrl() {
        return api.url();
    }

    /**
     * Starts the sinks asked for (null = not wanted) on this runtime's cluster; they stop
     * before everything started earlier.
     *
     * @throws IllegalStateException when a sink cannot start; the message says what to fix
     */
    public void startSinks(PostgresSettings postgres, Path filesDir) {
        if (postgres != null) {
            try {
                own(PostgresSink.start(postgres, clientConfig(), SinkTopics.defaults(), PostgresSink.DEFAULT_GROUP));
            } catch (SQLException e) {
                throw new IllegalStateException("--sink-postgres: " + e.getMessage(), e);
            }
        }
        if (filesDir != null) {
            try {
                own(FileSink.start(filesDir, clientConfig(), SinkTopics.defaults(), FileSink.DEFAULT_GROUP));
            } catch (IOException e) {
                throw new IllegalStateException("--sink-files: cannot write to " + filesDir + ": " + e.getMessage(), e);
            }
        }
    }

    /** Kafka client properties for this runtime's cluster. */
    public Map<String, Object> clientConfig() {
        return settings.clientConfig(bootstrap);
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

    /** Stands in for the pipeline's state until the streams part is wired here (see the merge note above). */
    private static final class PipelineNotStarted implements StateQueries {
        static final StateQueries QUERIES = new PipelineNotStarted();

        private static StateUnavailableException unavailable() {
            return new StateUnavailableException("the pipeline is not wired into this build yet");
        }

        @Override
        public List<String> conflicts() {
            return List.of();
        }

        @Override
        public Optional<dev.ripeness.schema.RipenessAssessment> ripeness(String conflict, LocalDate asOf) {
            throw unavailable();
        }

        @Override
        public List<dev.ripeness.schema.RipenessAssessment> timeline(String conflict, LocalDate from, LocalDate to) {
            throw unavailable();
        }

        @Override
        public Optional<dev.ripeness.schema.ActorDemandState> actor(String conflict, String actor, LocalDate asOf) {
            throw unavailable();
        }

        @Override
        public List<dev.ripeness.schema.FrontIndicators> fronts(String conflict, LocalDate asOf) {
            throw unavailable();
        }

        @Override
        public List<dev.ripeness.schema.DemandGap> demandGaps(String conflict, LocalDate asOf) {
            throw unavailable();
        }
    }
}
