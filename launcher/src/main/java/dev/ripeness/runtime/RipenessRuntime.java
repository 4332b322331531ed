package dev.ripeness.runtime;

import dev.ripeness.broker.EmbeddedKafkaBroker;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.feed.FeedSummary;
import dev.ripeness.producers.feed.KafkaEventFeed;
import dev.ripeness.producers.history.BundledHistory;
import dev.ripeness.topics.TopicAdmin;
import dev.ripeness.topics.Topics;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
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
}
