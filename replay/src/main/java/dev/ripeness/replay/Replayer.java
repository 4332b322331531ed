package dev.ripeness.replay;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.RipenessPipeline;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.topology.PipelineTopics;
import dev.ripeness.streams.topology.StoreNames;
import dev.ripeness.topics.Topic;
import dev.ripeness.topics.TopicReader;
import dev.ripeness.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replay operations: rebuild the live application's state from the event log, and
 * side runs (a fresh application id writing to prefixed topics beside the live ones) for
 * verification and comparison. See docs/replay.md for why each takes the path it takes.
 */
public final class Replayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);

    /** The application id of the live pipeline that {@code ripeness run} starts. */
    public static final String LIVE_APPLICATION_ID = RipenessPipeline.LIVE_APPLICATION_ID;

    /** Where applications keep local state under the data directory ({@code <data-dir>/streams/<application.id>}). */
    public static Path stateDir(Path dataDir) {
        return dataDir.resolve("streams");
    }

    /** What a replay works with. {@code liveApplicationId} is the application whose state is live. */
    public record Settings(Map<String, Object> clientConfig, Path dataDir, ConflictCatalog catalog, ModelConfig model,
                           int partitions, short replicationFactor, Duration timeout, String liveApplicationId,
                           PipelineTopics liveTopics) {

        /** The live deployment: application {@value #LIVE_APPLICATION_ID} on the topics of {@link Topics}. */
        public static Settings live(Map<String, Object> clientConfig, Path dataDir, ConflictCatalog catalog, ModelConfig model,
                                    int partitions, short replicationFactor, Duration timeout) {
            return new Settings(clientConfig, dataDir, catalog, model, partitions, replicationFactor, timeout,
                    LIVE_APPLICATION_ID, PipelineTopics.live());
        }
    }

    private final Settings settings;
    private final Admin admin;

    public Replayer(Settings settings) {
        this.settings = settings;
        this.admin = Admin.create(settings.clientConfig());
    }

    /** The live model: what a rebuild runs. */
    public ModelConfig model() {
        return settings.model();
    }

    /** The live application's group on this cluster. */
    public ApplicationGroup liveGroup() {
        return new ApplicationGroup(admin, settings.liveApplicationId());
    }

    /**
     * Rebuilds the live application's state from the beginning of the log: refuses while
     * it has members; deletes its group (offsets), its internal topics and its local state;
     * runs it up to the log's end offsets as they were at the start; then tombstones every
     * state-topic key the rebuild did not write (state the log no longer supports).
     *
     * @throws LiveApplicationRunningException while {@code ripeness run} (or any instance) runs it
     */
    public PipelineRun.Result rebuildLive(PipelineRun.Listener listener) {
        ApplicationGroup group = liveGroup();
        refuseWhileRunning(group);
        Map<TopicPartition, Long> target = ApplicationGroup.endOffsets(admin, settings.liveTopics().events());
        PipelineTopics topics = settings.liveTopics();
        Map<String, Map<TopicPartition, Long>> marks = new HashMap<>();
        for (String t : topics.stateTopics()) {
            marks.put(t, ApplicationGroup.endOffsets(admin, t));
        }
        group.delete();
        deleteTopics(group.internalTopics());
        deleteRecursively(stateDir(settings.dataDir()).resolve(settings.liveApplicationId()));
        Properties config = RipenessPipeline.config((String) settings.clientConfig().get("bootstrap.servers"),
                settings.liveApplicationId(), stateDir(settings.dataDir()), settings.clientConfig());
        PipelineRun.Result result = PipelineRun.untilCaughtUp(RipenessPipeline.topology(settings.catalog(), settings.model(), topics, e -> true),
                config, admin, settings.liveTopics().events(), target, listener, settings.timeout());
        int stale = 0;
        for (String t : topics.stateTopics()) {
            stale += tombstoneKeysWrittenOnlyBefore(t, marks.get(t));
        }
        if (stale > 0) {
            LOG.info("tombstoned {} state keys the rebuilt state no longer holds", stale);
        }
        return result;
    }

    /** Throws when the application still has members (it is running somewhere). */
    public static void refuseWhileRunning(ApplicationGroup group) {
        int members = group.activeMembers();
        if (members > 0) {
            throw new LiveApplicationRunningException(group.applicationId(), members);
        }
    }

    /** A finished side run: its topics and application id, removed by {@link #cleanUp}. */
    public record SideRun(String applicationId, PipelineTopics topics, PipelineRun.Result result, long leftOut) {}

    /**
     * Runs {@code model} over the event log, leaving out the events {@code accept} refuses,
     * as a fresh application {@code ripeness-<kind>-<id>} writing to {@code ripeness-<kind>-<id>.*};
     * returns once it has processed the log up to the end offsets of the start. Never touches
     * the live application, so it may run while {@code ripeness run} does.
     */
    public SideRun sideRun(String kind, ModelConfig model, Predicate<Event> accept, PipelineRun.Listener listener) {
        String id = "ripeness-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
        PipelineTopics topics = settings.liveTopics().withOutputs(id);
        createTopics(topics);
        java.util.concurrent.atomic.AtomicLong leftOut = new java.util.concurrent.atomic.AtomicLong();
        Predicate<Event> counting = e -> {
            boolean ok = accept.test(e);
            if (!ok) {
                leftOut.incrementAndGet();
            }
            return ok;
        };
        Map<TopicPartition, Long> target = ApplicationGroup.endOffsets(admin, settings.liveTopics().events());
        Properties config = RipenessPipeline.config((String) settings.clientConfig().get("bootstrap.servers"), id,
                stateDir(settings.dataDir()), settings.clientConfig());
        PipelineRun.Result result;
        try {
            result = PipelineRun.untilCaughtUp(RipenessPipeline.topology(settings.catalog(), model, topics, counting),
                    config, admin, settings.liveTopics().events(), target, listener, settings.timeout());
        } catch (RuntimeException e) {
            cleanUp(new SideRun(id, topics, null, 0));
            throw e;
        }
        return new SideRun(id, topics, result, leftOut.get());
    }

    /** What a verification found: every key that differs, and the side run (its topics gone unless kept). */
    public record Verification(SideRun run, List<SnapshotDiff.Difference> differences, boolean kept) {}

    /**
     * Rebuilds the log beside the live state with the live model, waits until the live
     * application has caught up with the same offsets, and compares every state topic key by
     * key; removes the side run afterwards unless {@code keep}.
     */
    public Verification verify(boolean keep, PipelineRun.Listener listener) {
        SideRun run = sideRunCaughtUpWithLive("verify", model(), e -> true, listener);
        try {
            return new Verification(run, compareWithLive(run), keep);
        } finally {
            finish(run, keep);
        }
    }

    /** What a comparison found: where the two assessment timelines differ, and the side run. */
    public record Comparison(SideRun run, TimelineComparison timelines, boolean kept) {}

    /**
     * Runs {@code model} over the log without the events whose ids are in {@code without},
     * beside the live state; once the live application has caught up with the same offsets,
     * compares the two assessment timelines. Removes the side run afterwards unless {@code keep}.
     *
     * @throws IllegalStateException when {@code without} names no event of the log
     */
    public Comparison compare(ModelConfig model, Set<String> without, boolean keep, PipelineRun.Listener listener) {
        SideRun run = sideRunCaughtUpWithLive("compare", model, e -> !without.contains(e.getEventId()), listener);
        try {
            if (!without.isEmpty() && run.leftOut() == 0) {
                throw new IllegalStateException("no event of the log has the id " + String.join(" or ", new TreeSet<>(without))
                        + "; check --without" + (keep ? " (kept the side run's topics " + run.topics().outputs() + ")" : ""));
            }
            return new Comparison(run, TimelineComparison.of(snapshot(liveTopics().assessmentTimeline()),
                    snapshot(run.topics().assessmentTimeline())), keep);
        } finally {
            finish(run, keep);
        }
    }

    /** A side run that has caught up with the log, with the live application caught up with it too. */
    private SideRun sideRunCaughtUpWithLive(String kind, ModelConfig model, Predicate<Event> accept, PipelineRun.Listener listener) {
        SideRun run = sideRun(kind, model, accept, listener);
        try {
            Map<TopicPartition, Long> end = eventLogEnd();
            // Events that arrived during the side run would make the two states differ for no fault of either.
            if (run.result().events() != 0 || !end.isEmpty()) {
                awaitLiveAt(end);
            }
            return run;
        } catch (RuntimeException e) {
            cleanUp(run);
            throw e;
        }
    }

    private void finish(SideRun run, boolean keep) {
        if (!keep) {
            cleanUp(run);
        }
    }

    /**
     * On a broker just started by this process nothing can be connected yet, so members the
     * live group still lists belong to a {@code run} stopped earlier (an unclean stop, or a
     * coordinator that has not noticed yet): waits up to 90 s for the broker to expire them
     * instead of refusing; {@code onWait} is told once when there are some.
     */
    public static void awaitStaleMembersExpired(Map<String, Object> clientConfig, Runnable onWait) {
        try (Admin admin = Admin.create(clientConfig)) {
            ApplicationGroup group = new ApplicationGroup(admin, LIVE_APPLICATION_ID);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            boolean told = false;
            int quietSeconds = 0;
            // A fresh coordinator lists the group only once it has loaded it: wait for a few
            // quiet seconds in a row before trusting an empty answer.
            while (quietSeconds < 5 && System.nanoTime() < deadline) {
                if (group.activeMembers() > 0) {
                    quietSeconds = 0;
                    if (!told) {
                        onWait.run();
                        told = true;
                    }
                } else {
                    quietSeconds++;
                }
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    /**
     * Waits until the live application has committed the event log at least up to where the
     * side run stopped and has folded what it consumed, so that both states describe the same
     * events. Folded means no conflict is left marked in its {@code dirty-conflicts} changelog
     * (read_committed): a fold's tombstones commit with the state records it sent.
     *
     * @throws IllegalStateException when it has not within the timeout, naming how far it is
     */
    public void awaitLiveAt(Map<TopicPartition, Long> target) {
        ApplicationGroup live = liveGroup();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (true) {
            long behind = live.behind(settings.liveTopics().events(), target);
            if (behind == 0 && liveFolded()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the live pipeline (" + live.applicationId() + ") is still " + behind
                        + " events behind the log" + (live.activeMembers() == 0 ? "; it is not running: start `ripeness run` and let it catch up"
                        : "; wait until it catches up") + ", then compare again");
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    /** Whether the live application's dirty marks are all cleared (true when it never wrote any). */
    private boolean liveFolded() {
        String changelog = settings.liveApplicationId() + "-" + StoreNames.DIRTY + "-changelog";
        try {
            if (!admin.listTopics().names().get().contains(changelog)) {
                return true;
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            throw ApplicationGroup.interrupted(e);
        }
        return TopicReader.latestByKey(settings.clientConfig(), changelog, TopicReader.DEFAULT_DEADLINE).isEmpty();
    }

    /** End offsets of the event log now. */
    public Map<TopicPartition, Long> eventLogEnd() {
        return ApplicationGroup.endOffsets(admin, settings.liveTopics().events());
    }

    /** Every difference between the live state topics and the side run's, key by key. */
    public List<SnapshotDiff.Difference> compareWithLive(SideRun run) {
        List<SnapshotDiff.Difference> out = new ArrayList<>();
        for (Topic<?, ?> topic : Topics.state()) {
            String live = settings.liveTopics().name(topic);
            Map<String, ByteBuffer> liveSnapshot = snapshot(live);
            Map<String, ByteBuffer> rebuilt = snapshot(run.topics().name(topic));
            if (topic.equals(Topics.ASSESSMENT_TIMELINE)) {
                liveSnapshot = SnapshotDiff.timelineWithoutNotes(liveSnapshot);
                rebuilt = SnapshotDiff.timelineWithoutNotes(rebuilt);
            }
            out.addAll(SnapshotDiff.compare(live, liveSnapshot, rebuilt));
        }
        return out;
    }

    /** The live deployment's topics. */
    public PipelineTopics liveTopics() {
        return settings.liveTopics();
    }

    /** The latest value per key of a topic, sorted by key: what a compacted topic converges to (tombstones remove). */
    public Map<String, ByteBuffer> snapshot(String topic) {
        Map<String, ByteBuffer> latest = new java.util.TreeMap<>();
        TopicReader.latestByKey(settings.clientConfig(), topic, TopicReader.DEFAULT_DEADLINE)
                .forEach((k, v) -> latest.put(k, ByteBuffer.wrap(v)));
        return latest;
    }

    /** Deletes a side run's topics, internal topics, group and local state. */
    public void cleanUp(SideRun run) {
        List<String> doomed = new ArrayList<>(run.topics().outputs());
        ApplicationGroup group = new ApplicationGroup(admin, run.applicationId());
        doomed.addAll(group.internalTopics());
        deleteTopics(doomed);
        group.delete();
        deleteRecursively(stateDir(settings.dataDir()).resolve(run.applicationId()));
    }

    private void createTopics(PipelineTopics topics) {
        List<NewTopic> wanted = new ArrayList<>();
        topics.outputTopics().forEach((topic, name) -> wanted.add(
                new NewTopic(name, settings.partitions(), settings.replicationFactor()).configs(topic.configs())));
        try {
            admin.createTopics(wanted).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the side run's topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            throw ApplicationGroup.interrupted(e);
        }
    }

    private void deleteTopics(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        try {
            admin.deleteTopics(names).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                throw new IllegalStateException("cannot delete topics " + names + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            throw ApplicationGroup.interrupted(e);
        }
    }

    /**
     * Writes a tombstone for every key of {@code topic} whose latest record lies before
     * {@code mark} (the end offsets before the rebuild): the rebuild did not confirm it.
     */
    private int tombstoneKeysWrittenOnlyBefore(String topic, Map<TopicPartition, Long> mark) {
        Map<String, byte[]> staleKeys = new java.util.TreeMap<>();
        Map<String, Boolean> before = new HashMap<>();
        TopicReader.readToEnd(settings.clientConfig(), topic, TopicReader.DEFAULT_DEADLINE, r -> {
            if (r.key() == null) {
                return;
            }
            String key = new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
            // a live value written before the rebuild started and never rewritten by it
            before.put(key, r.value() != null && r.offset() < mark.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L));
            staleKeys.put(key, r.key());
        });
        staleKeys.keySet().removeIf(k -> !before.get(k));
        if (staleKeys.isEmpty()) {
            return 0;
        }
        Map<String, Object> producerConfig = new HashMap<>(settings.clientConfig());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] key : staleKeys.values()) {
                producer.send(new ProducerRecord<>(topic, key, null));
            }
            producer.flush();
        }
        return staleKeys.size();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the local state in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }

    /** Thrown when a replay would rebuild an application that is running. */
    public static final class LiveApplicationRunningException extends IllegalStateException {
        public LiveApplicationRunningException(String applicationId, int members) {
            super("the live pipeline (application id " + applicationId + ") is running with " + members
                    + " member(s): stop `ripeness run` (every instance) before `ripeness replay`, "
                    + "or use `ripeness replay --verify`, which rebuilds beside it (a member of an instance stopped "
                    + "a moment ago stays until its session times out, 45 s by default)");
        }
    }
}
