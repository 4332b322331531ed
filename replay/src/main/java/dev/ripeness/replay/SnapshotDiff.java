package dev.ripeness.replay;

import dev.ripeness.schema.Driver;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.topics.Topics;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Key-by-key comparison of two topic snapshots: every key missing on one side or holding other bytes. */
public final class SnapshotDiff {

    /** One key that differs. {@code live} or {@code rebuilt} is null when the key is absent there. */
    public record Difference(String topic, String key, ByteBuffer live, ByteBuffer rebuilt) {

        public String describe() {
            if (live == null) {
                return topic + " " + key + ": only in the rebuilt state";
            }
            if (rebuilt == null) {
                return topic + " " + key + ": only in the live state";
            }
            return topic + " " + key + ": values differ (" + live.remaining() + " vs " + rebuilt.remaining() + " bytes)";
        }
    }

    private SnapshotDiff() {}

    /**
     * A timeline snapshot with its drivers' notes left out. The pipeline publishes timeline
     * records without notes, but records a release before that published keep theirs until
     * their date changes; the notes are text rendered from the same causes, so verify compares
     * the records without them (docs/operations.md, upgrading).
     */
    public static Map<String, ByteBuffer> timelineWithoutNotes(Map<String, ByteBuffer> snapshot) {
        var serde = Topics.ASSESSMENT_TIMELINE.valueSerde();
        Map<String, ByteBuffer> out = new TreeMap<>();
        snapshot.forEach((key, value) -> {
            byte[] bytes = new byte[value.remaining()];
            value.duplicate().get(bytes);
            RipenessAssessment a = serde.deserializer().deserialize(Topics.ASSESSMENT_TIMELINE.name(), bytes);
            for (Driver d : a.getDrivers()) {
                d.setNote(null);
            }
            out.put(key, ByteBuffer.wrap(serde.serializer().serialize(Topics.ASSESSMENT_TIMELINE.name(), a)));
        });
        return out;
    }

    public static List<Difference> compare(String topic, Map<String, ByteBuffer> live, Map<String, ByteBuffer> rebuilt) {
        List<Difference> differences = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(live.keySet());
        keys.addAll(rebuilt.keySet());
        for (String key : keys) {
            ByteBuffer a = live.get(key);
            ByteBuffer b = rebuilt.get(key);
            if (a == null || b == null || !a.equals(b)) {
                differences.add(new Difference(topic, key, a, b));
            }
        }
        return differences;
    }
}
