package dev.ripeness.streams.topology;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.schema.DeadLetter;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.streams.RipenessPipeline;
import dev.ripeness.streams.TestEvents;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.topics.Topic;
import dev.ripeness.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The real topology and config under TopologyTestDriver, with the output topics folded
 * the way compaction folds them (latest value per key, a tombstone removes the key).
 */
final class PipelineDriver implements AutoCloseable {

    static final List<Topic<String, ?>> STATE_TOPICS = List.of(Topics.ACTOR_DEMAND, Topics.DEMAND_GAP,
            Topics.FRONT_INDICATORS, Topics.ASSESSMENTS, Topics.ASSESSMENT_TIMELINE);

    final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> events;
    private final Map<String, TestOutputTopic<String, byte[]>> outputs = new TreeMap<>();
    /** Topic → key → latest bytes, as a compacted topic ends up. */
    final Map<String, TreeMap<String, String>> compacted = new TreeMap<>();
    /** Every record read from each topic so far, in order. */
    final Map<String, List<TestRecord<String, byte[]>>> seen = new TreeMap<>();
    private final Path stateDir;
    /** The driver's mock wall clock (it starts at construction). */
    private java.time.Instant wallClock = java.time.Instant.now();

    PipelineDriver() {
        this(TestEvents.catalog(), ModelConfig.bundled());
    }

    PipelineDriver(ConflictCatalog catalog, ModelConfig model) {
        try {
            stateDir = Files.createTempDirectory("ripeness-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(RipenessPipeline.topology(catalog, model),
                RipenessPipeline.config("unused:9092", "ripeness-test", stateDir, Map.of()), wallClock);
        events = driver.createInputTopic(Topics.EVENTS.name(), new StringSerializer(), new ByteArraySerializer());
        for (Topic<String, ?> t : STATE_TOPICS) {
            outputs.put(t.name(), driver.createOutputTopic(t.name(), new StringDeserializer(), new ByteArrayDeserializer()));
        }
        outputs.put(Topics.DEAD_LETTERS.name(), driver.createOutputTopic(Topics.DEAD_LETTERS.name(),
                new StringDeserializer(), new ByteArrayDeserializer()));
    }

    PipelineDriver send(Event... list) {
        for (Event e : list) {
            events.pipeInput(e.getConflict(), Codecs.EVENT.encode(e));
        }
        return drain();
    }

    PipelineDriver sendRaw(String key, byte[] value) {
        events.pipeInput(key, value);
        return drain();
    }

    /**
     * Lets the wall-clock fold run (the processor folds dirty conflicts on a punctuation, so
     * everything sent since the last drain is folded together), then reads every output topic
     * into {@link #compacted} and {@link #seen}.
     */
    PipelineDriver drain() {
        return advance(java.time.Duration.ofHours(1));
    }

    /** Pipes one event appended to the log at {@code appendedAt} (its record timestamp), without advancing the clock. */
    PipelineDriver pipe(Event e, java.time.Instant appendedAt) {
        events.pipeInput(e.getConflict(), Codecs.EVENT.encode(e), appendedAt);
        return this;
    }

    java.time.Instant wallClock() {
        return wallClock;
    }

    /** Advances the wall clock by {@code step} (a due fold runs) and reads every output topic, like {@link #drain()}. */
    PipelineDriver advance(java.time.Duration step) {
        wallClock = wallClock.plus(step);
        driver.advanceWallClockTime(step);
        outputs.forEach((topic, out) -> {
            for (TestRecord<String, byte[]> r : out.readRecordsToList()) {
                seen.computeIfAbsent(topic, t -> new java.util.ArrayList<>()).add(r);
                TreeMap<String, String> map = compacted.computeIfAbsent(topic, t -> new TreeMap<>());
                if (r.value() == null) {
                    map.remove(r.key());
                } else {
                    map.put(r.key(), Base64.getEncoder().encodeToString(r.value()));
                }
            }
        });
        return this;
    }

    /** Records read from a topic since the last {@link #clearSeen()}. */
    List<TestRecord<String, byte[]>> seen(Topic<?, ?> topic) {
        return seen.getOrDefault(topic.name(), List.of());
    }

    void clearSeen() {
        seen.clear();
    }

    <V> V value(Topic<String, V> topic, String key) {
        String b64 = compacted.getOrDefault(topic.name(), new TreeMap<>()).get(key);
        return b64 == null ? null : topic.valueSerde().deserializer().deserialize(topic.name(), Base64.getDecoder().decode(b64));
    }

    RipenessAssessment current() {
        return value(Topics.ASSESSMENTS, TestEvents.CONFLICT);
    }

    RipenessAssessment timeline(String date) {
        return value(Topics.ASSESSMENT_TIMELINE, TestEvents.CONFLICT + "|" + date);
    }

    /** {@code a} as the timeline topic publishes it: its drivers without their notes. */
    static RipenessAssessment withoutNotes(RipenessAssessment a) {
        RipenessAssessment copy = RipenessAssessment.newBuilder(a).build();
        copy.getDrivers().forEach(d -> d.setNote(null));
        return copy;
    }

    List<DeadLetter> deadLetters() {
        return seen(Topics.DEAD_LETTERS).stream()
                .map(r -> Topics.DEAD_LETTERS.valueSerde().deserializer().deserialize("t", r.value())).toList();
    }

    /** The final contents of every state topic (compacted). */
    Map<String, TreeMap<String, String>> stateTopics() {
        Map<String, TreeMap<String, String>> out = new TreeMap<>(compacted);
        out.remove(Topics.DEAD_LETTERS.name());
        return out;
    }

    /** The first key whose value differs, both values as JSON: a readable failure message. */
    static String firstDifference(Map<String, TreeMap<String, String>> expected, Map<String, TreeMap<String, String>> actual) {
        for (Topic<String, ?> t : STATE_TOPICS) {
            TreeMap<String, String> e = expected.getOrDefault(t.name(), new TreeMap<>());
            TreeMap<String, String> a = actual.getOrDefault(t.name(), new TreeMap<>());
            java.util.TreeSet<String> keys = new java.util.TreeSet<>(e.keySet());
            keys.addAll(a.keySet());
            for (String k : keys) {
                if (!java.util.Objects.equals(e.get(k), a.get(k))) {
                    return t.name() + " key " + k + "\nexpected " + json(t, e.get(k)) + "\nactual   " + json(t, a.get(k));
                }
            }
        }
        return "no difference";
    }

    private static String json(Topic<String, ?> t, String b64) {
        if (b64 == null) {
            return "(absent)";
        }
        Object v = t.valueSerde().deserializer().deserialize(t.name(), Base64.getDecoder().decode(b64));
        return dev.ripeness.schema.json.AvroJson.toJson((org.apache.avro.generic.IndexedRecord) v);
    }

    @Override
    public void close() {
        driver.close();
        try (var walk = Files.walk(stateDir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
