package dev.ripeness.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.json.AvroJson;
import dev.ripeness.streams.RipenessPipeline;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.query.KafkaStreamsStateQueries;
import dev.ripeness.streams.topology.PipelineTopics;
import dev.ripeness.topics.Topic;
import dev.ripeness.topics.TopicReader;
import dev.ripeness.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay against a live pipeline on the real broker. The live deployment has its own
 * topics (event log included) and application id, so other tests sharing the broker do not
 * leak into it. Its log holds the bundled history sent out of date order, with
 * duplicates, a correction, a retraction and one late event (the 2022-04-15 draft rewrite,
 * recorded last).
 */
@Tag("integration")
@ExtendWith(TestKafka.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayTest {

    private static final String CONFLICT = "russia-ukraine";
    private static final String LATE = "ru-ua-2022-04-15-draft-rewrite";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ConflictCatalog CATALOG = ConflictCatalog.bundled();
    private static final ModelConfig MODEL = ModelConfig.bundled();

    @TempDir
    static Path dataDir;

    private static PipelineTopics topics;
    private static String liveId;
    private static Map<String, Object> client;
    private static RipenessPipeline live;
    private static Instant lateRecordedAt;

    @BeforeAll
    static void startLivePipelineFedWithDisorderedHistory() throws Exception {
        String prefix = TestKafka.unique("replay");
        topics = PipelineTopics.isolated(prefix);
        liveId = prefix + "-live";
        client = Map.of("bootstrap.servers", TestKafka.bootstrapServers());
        try (Admin admin = Admin.create(client)) {
            List<NewTopic> create = new ArrayList<>();
            List<String> names = new ArrayList<>(List.of(topics.events()));
            names.addAll(topics.outputs());
            for (int i = 0; i < names.size(); i++) {
                create.add(new NewTopic(names.get(i), 2, (short) 1).configs(Topics.all().get(i).configs()));
            }
            admin.createTopics(create).all().get();
        }
        List<Event> history = HistoryEvents.bundled();
        List<Event> log = new ArrayList<>();
        Event late = null;
        for (Event e : history) {
            if (e.getEventId().equals(LATE)) {
                late = e;
            } else {
                log.add(e);
            }
        }
        // Out of date order: the second half of the history arrives before the first.
        List<Event> arrival = new ArrayList<>(log.subList(log.size() / 2, log.size()));
        arrival.addAll(log.subList(0, log.size() / 2));
        // Duplicates, a correction and a retraction.
        arrival.add(log.get(10));
        arrival.add(log.get(40));
        Event corrected = log.get(60);
        arrival.add(Event.newBuilder(corrected).setEventId(corrected.getEventId() + "-fix").setCorrects(corrected.getEventId())
                .setConfidence(corrected.getConfidence() / 2).build());
        Event retracted = log.get(30);
        arrival.add(Event.newBuilder(retracted).setEventId(retracted.getEventId() + "-withdrawn").setRetracts(retracted.getEventId()).build());
        arrival.add(late);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(client, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < arrival.size(); i++) {
                Instant recorded = T0.plus(Duration.ofMinutes(i));
                Event e = Event.newBuilder(arrival.get(i)).setRecordedAt(recorded.toEpochMilli()).build();
                if (e.getEventId().equals(LATE)) {
                    lateRecordedAt = recorded;
                }
                producer.send(new ProducerRecord<>(topics.events(), e.getConflict(), Topics.EVENTS.valueSerde().serializer().serialize("", e)));
            }
        }
        live = RipenessPipeline.start(RipenessPipeline.topology(CATALOG, MODEL, topics, e -> true),
                RipenessPipeline.config(TestKafka.bootstrapServers(), liveId, dataDir.resolve("live"),
                        Map.of("application.server", "localhost:1")));
        try (Replayer replayer = replayer()) {
            Map<org.apache.kafka.common.TopicPartition, Long> end = replayer.eventLogEnd();
            await("live pipeline processed the whole log").atMost(Duration.ofMinutes(2))
                    .until(() -> replayer.liveGroup().behind(topics.events(), end) == 0);
        }
    }

    @AfterAll
    static void stopLive() {
        if (live != null) {
            live.close();
        }
    }

    private static Replayer replayer() {
        return new Replayer(new Replayer.Settings(client, dataDir, CATALOG, MODEL, 2, (short) 1, Duration.ofMinutes(3),
                liveId, topics));
    }

    @Test
    @Order(1)
    void shouldRefuseToRebuildWhenLiveApplicationHasMembers() {
        try (Replayer replayer = replayer()) {
            assertThatThrownBy(() -> replayer.rebuildLive(PipelineRun.Listener.NONE))
                    .isInstanceOf(Replayer.LiveApplicationRunningException.class)
                    .hasMessageContaining(liveId).hasMessageContaining("stop `ripeness run`").hasMessageContaining("--verify");
            // nothing was reset: the live group still holds its offsets
            assertThat(replayer.liveGroup().behind(topics.events(), replayer.eventLogEnd())).isZero();
        }
    }

    @Test
    @Order(2)
    void shouldFindNoDifferenceWhenRebuiltBesideLiveRunOfDisorderedLog() {
        try (Replayer replayer = replayer()) {
            // When
            Replayer.SideRun run = replayer.sideRun("verify", MODEL, e -> true, PipelineRun.Listener.NONE);
            replayer.awaitLiveAt(replayer.eventLogEnd());
            List<SnapshotDiff.Difference> differences = replayer.compareWithLive(run);
            Map<String, ByteBuffer> rebuiltTimeline = replayer.snapshot(run.topics().assessmentTimeline());
            replayer.cleanUp(run);
            // Then
            assertThat(differences).as("differences between live and rebuilt state").isEmpty();
            assertThat(rebuiltTimeline).as("rebuilt timeline").hasSizeGreaterThan(50);
            assertThat(run.result().events()).isEqualTo(replayer.eventLogEnd().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    @Order(3)
    void shouldShowWhatAnEventChangedWhenReplayedWithoutIt() {
        try (Replayer replayer = replayer()) {
            Replayer.SideRun run = replayer.sideRun("compare", MODEL, e -> !e.getEventId().equals(LATE), PipelineRun.Listener.NONE);
            TimelineComparison c = TimelineComparison.of(replayer.snapshot(topics.assessmentTimeline()),
                    replayer.snapshot(run.topics().assessmentTimeline()));
            replayer.cleanUp(run);

            assertThat(run.leftOut()).isEqualTo(1);
            assertThat(c.identical()).isFalse();
            // An event can only change its own date and later ones.
            assertThat(c.changes()).allSatisfy(ch -> assertThat(ch.date()).isGreaterThanOrEqualTo("2022-04-15"));
            assertThat(c.changes()).anySatisfy(ch -> assertThat(ch.component()).isEqualTo("demandGap"));
        }
    }

    @Test
    @Order(4)
    void shouldAnswerFromEventsRecordedThenWhenAskedKnownAt() {
        KnownAtQueries queries = new KnownAtQueries(client, CATALOG, MODEL, topics.events());
        LocalDate asOf = LocalDate.parse("2022-05-31");

        RipenessAssessment before = queries.ripeness(CONFLICT, lateRecordedAt.minusMillis(1), asOf).orElseThrow();
        RipenessAssessment after = queries.ripeness(CONFLICT, lateRecordedAt, asOf).orElseThrow();

        assertThat(after.getEventCount()).isEqualTo(before.getEventCount() + 1);
        assertThat(after.getComponents().getDemandGap()).isNotEqualTo(before.getComponents().getDemandGap());
        // with everything known, the answer is the live pipeline's as-of answer
        assertThat(AvroJson.toJson(after)).isEqualTo(AvroJson.toJson(liveAsOf(asOf).orElseThrow()));
        // before the history's first recording nothing was known
        assertThat(queries.ripeness(CONFLICT, T0.minusSeconds(1), null)).isEmpty();
    }

    /**
     * Known-at folds the log in memory (event ledger + model); it used to run the topology
     * under TopologyTestDriver. Both must give the same answers, whatever the instant: before
     * anything was recorded, part-way through the disordered history, around the duplicates,
     * the correction, the retraction and the late event, and with everything known.
     */
    @Test
    @Order(5)
    void shouldAnswerAsTheInProcessTopologyDidWhenAskedKnownAtAnyInstant() {
        KnownAtQueries folded = new KnownAtQueries(client, CATALOG, MODEL, topics.events());
        DriverKnownAt driver = new DriverKnownAt(client, CATALOG, MODEL, topics.events());
        long lateMinute = Duration.between(T0, lateRecordedAt).toMinutes();
        List<Instant> instants = new ArrayList<>(List.of(T0.minusSeconds(1), lateRecordedAt.minusMillis(1), lateRecordedAt));
        for (long minute = 0; minute < lateMinute; minute += 20) {
            instants.add(T0.plus(Duration.ofMinutes(minute)));
        }
        for (long minute = lateMinute - 4; minute < lateMinute; minute++) { // the duplicates, correction and retraction
            instants.add(T0.plus(Duration.ofMinutes(minute)));
        }
        LocalDate asOf = LocalDate.parse("2022-05-31");
        int answered = 0;
        for (Instant at : instants) {
            DriverKnownAt.Answers before = driver.answers(CONFLICT, at, asOf);
            List<String> timeline = folded.timeline(CONFLICT, at).stream().map(AvroJson::toJson).toList();
            assertThat(timeline).as("timeline known at " + at)
                    .isEqualTo(before.timeline().stream().map(AvroJson::toJson).toList());
            assertThat(folded.ripeness(CONFLICT, at, asOf).map(AvroJson::toJson)).as("as of " + asOf + " known at " + at)
                    .isEqualTo(before.asOf().map(AvroJson::toJson));
            answered += timeline.isEmpty() ? 0 : 1;
        }
        assertThat(answered).as("instants with something known").isEqualTo(instants.size() - 1);
    }

    @Test
    @Order(6)
    void shouldEqualReplayOfEventsDatedUpToDateWhenAskedAsOfThatDate() {
        for (String date : List.of("2014-03-01", "2015-02-12", "2022-04-14", "2022-04-15", "2022-10-01", "2024-12-31")) {
            LocalDate d = LocalDate.parse(date);
            RipenessAssessment replayed = replayOfEventsDatedUpTo(d);
            assertThat(liveAsOf(d).map(AvroJson::toJson)).as("as of " + date).contains(AvroJson.toJson(replayed));
        }
    }

    @Test
    @Order(7)
    void shouldRebuildSameStateWhenLiveApplicationStopped() {
        Map<String, Map<String, ByteBuffer>> before = new HashMap<>();
        try (Replayer replayer = replayer()) {
            topics.stateTopics().forEach(t -> before.put(t, replayer.snapshot(t)));
            live.streams().close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                    org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            live = null;
            await("live members gone").atMost(Duration.ofMinutes(1)).until(() -> replayer.liveGroup().activeMembers() == 0);
            List<long[]> progress = new ArrayList<>();

            PipelineRun.Result result = replayer.rebuildLive((done, total, elapsed) -> progress.add(new long[] {done, total}));

            long total = replayer.eventLogEnd().values().stream().mapToLong(Long::longValue).sum();
            assertThat(result.events()).isEqualTo(total);
            assertThat(progress).last().satisfies(p -> assertThat(p).containsExactly(total, total));
            assertThat(Files.exists(dataDir.resolve("streams").resolve(liveId))).as("rebuilt local state").isTrue();
            for (String t : topics.stateTopics()) {
                assertThat(replayer.snapshot(t)).as(t).isEqualTo(before.get(t));
            }
        }
    }

    private static Optional<RipenessAssessment> liveAsOf(LocalDate d) {
        KafkaStreamsStateQueries queries = new KafkaStreamsStateQueries(live.streams(), null);
        return await("live state queryable").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> Optional.of(queries.ripeness(CONFLICT, d)), r -> true).orElseThrow();
    }

    /** The current assessment of an in-process replay fed only the log's events dated up to {@code d}. */
    private static RipenessAssessment replayOfEventsDatedUpTo(LocalDate d) {
        Path dir = dataDir.resolve("as-of-" + d);
        Topic<String, RipenessAssessment> out = Topics.ASSESSMENTS;
        try (TopologyTestDriver driver = new TopologyTestDriver(
                RipenessPipeline.topology(CATALOG, MODEL, topics, e -> e.getDate().compareTo(d.toString()) <= 0),
                RipenessPipeline.config("in-process:0", "as-of-test", dir, Map.of()))) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(topics.events(), new StringSerializer(), new ByteArraySerializer());
            TopicReader.readToEnd(client, topics.events(), TopicReader.DEFAULT_DEADLINE,
                    r -> in.pipeInput(new String(r.key(), StandardCharsets.UTF_8), r.value(), r.timestamp()));
            driver.advanceWallClockTime(Duration.ofHours(1)); // the processor folds on wall-clock time
            TestOutputTopic<String, byte[]> current = driver.createOutputTopic(topics.assessments(), new StringDeserializer(), new ByteArrayDeserializer());
            byte[] last = null;
            for (TestRecord<String, byte[]> r : current.readRecordsToList()) {
                if (r.key().equals(CONFLICT)) {
                    last = r.value();
                }
            }
            assertThat(last).as("replay of events dated up to " + d + " publishes an assessment").isNotNull();
            return out.valueSerde().deserializer().deserialize("", last);
        }
    }
}
