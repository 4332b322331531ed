package dev.ripeness.replay;

import static dev.ripeness.streams.topology.StoreNames.MAX_DATE;
import static dev.ripeness.streams.topology.StoreNames.MIN_DATE;
import static dev.ripeness.streams.topology.StoreNames.dateKey;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.serde.AvroSerde;
import dev.ripeness.streams.RipenessPipeline;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.ripeness.DayOutputs;
import dev.ripeness.streams.topology.Codecs;
import dev.ripeness.streams.topology.PipelineTopics;
import dev.ripeness.streams.topology.StoreNames;
import dev.ripeness.topics.TopicReader;
import dev.ripeness.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The known-at answers as they were computed before {@link KnownAtQueries} folded the log in
 * memory: the real topology under a {@link TopologyTestDriver} (RocksDB stores in a temporary
 * directory), fed the conflict's records recorded up to the instant in event-date order, then
 * read from its {@code day-outputs} store. Kept as the oracle that the in-memory answers must
 * equal (ReplayTest).
 */
final class DriverKnownAt {

    private static final AvroSerde<Event> EVENT_SERDE = AvroSerde.of(Event.class);

    private final Map<String, Object> clientConfig;
    private final ConflictCatalog catalog;
    private final ModelConfig model;
    private final String eventsTopic;

    DriverKnownAt(Map<String, Object> clientConfig, ConflictCatalog catalog, ModelConfig model, String eventsTopic) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.catalog = catalog;
        this.model = model;
        this.eventsTopic = eventsTopic;
    }

    /**
     * The assessment of {@code conflict} as of event date {@code asOf} (null: latest) from the
     * events recorded up to {@code knownAt}; empty when none of them concerns it by then.
     */
    public Optional<RipenessAssessment> ripeness(String conflict, Instant knownAt, LocalDate asOf) {
        return outputs(conflict, knownAt, asOf, (store) -> latestAtOrBefore(store, conflict, asOf)).map(DayOutputs::assessment);
    }

    /** The timeline of {@code conflict} (oldest first) from the events recorded up to {@code knownAt}. */
    public List<RipenessAssessment> timeline(String conflict, Instant knownAt) {
        return outputs(conflict, knownAt, null, store -> {
            List<RipenessAssessment> out = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = store.range(dateKey(conflict, MIN_DATE), dateKey(conflict, MAX_DATE))) {
                it.forEachRemaining(kv -> out.add(Codecs.outputs(kv.value).assessment()));
            }
            return out;
        }).orElse(List.of());
    }

    /** Both answers of one instant from one driver run: the timeline and the assessment as of {@code asOf}. */
    record Answers(List<RipenessAssessment> timeline, Optional<RipenessAssessment> asOf) {}

    Answers answers(String conflict, Instant knownAt, LocalDate asOf) {
        return outputs(conflict, knownAt, asOf, store -> {
            List<RipenessAssessment> timeline = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = store.range(dateKey(conflict, MIN_DATE), dateKey(conflict, MAX_DATE))) {
                it.forEachRemaining(kv -> timeline.add(Codecs.outputs(kv.value).assessment()));
            }
            DayOutputs at = latestAtOrBefore(store, conflict, asOf);
            return new Answers(timeline, Optional.ofNullable(at).map(DayOutputs::assessment));
        }).orElseThrow();
    }

    /** More than any fold interval, so that the driver's punctuation runs. */
    private static final java.time.Duration FOLD = java.time.Duration.ofHours(1);

    private <T> Optional<T> outputs(String conflict, Instant knownAt, LocalDate asOf,
                                    java.util.function.Function<KeyValueStore<String, byte[]>, T> read) {
        long limit = knownAt.toEpochMilli();
        Predicate<Event> known = e -> e.getRecordedAt() <= limit;
        Path dir = tempDir();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                RipenessPipeline.topology(catalog, model, PipelineTopics.live().withEvents(eventsTopic), known),
                RipenessPipeline.config("in-process:0", "ripeness-known-at", dir, Map.of()))) {
            TestInputTopic<String, byte[]> input = driver.createInputTopic(eventsTopic,
                    new StringSerializer(), new ByteArraySerializer());
            // Only this conflict's records, fed in event-date order: the state does not depend on
            // arrival order; the sort holds this conflict's records in memory.
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            byte[] key = conflict.getBytes(StandardCharsets.UTF_8);
            TopicReader.readPartitionOf(clientConfig, eventsTopic, conflict, TopicReader.DEFAULT_DEADLINE, r -> {
                if (Arrays.equals(key, r.key())) {
                    records.add(r);
                }
            });
            records.sort(Comparator.comparing(DriverKnownAt::eventDate).thenComparingLong(ConsumerRecord::offset));
            records.forEach(r -> input.pipeInput(conflict, r.value(), r.timestamp()));
            driver.advanceWallClockTime(FOLD); // the fold runs on wall-clock time: once, over everything piped
            KeyValueStore<String, byte[]> store = driver.getKeyValueStore(StoreNames.OUTPUTS);
            return Optional.ofNullable(read.apply(store));
        } finally {
            Replayer.deleteRecursively(dir);
        }
    }

    /** The record's event date, or a date after every real one when it cannot be read (it is dead-lettered anyway). */
    private static String eventDate(ConsumerRecord<byte[], byte[]> record) {
        try {
            return EVENT_SERDE.decode(record.value()).getDate();
        } catch (RuntimeException e) {
            return MAX_DATE;
        }
    }

    private static DayOutputs latestAtOrBefore(KeyValueStore<String, byte[]> store, String conflict, LocalDate asOf) {
        try (KeyValueIterator<String, byte[]> it = store.reverseRange(dateKey(conflict, MIN_DATE),
                dateKey(conflict, asOf == null ? MAX_DATE : asOf.toString()))) {
            return it.hasNext() ? Codecs.outputs(it.next().value) : null;
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("ripeness-known-at");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the in-process replay", e);
        }
    }
}
