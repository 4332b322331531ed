package dev.ripeness.replay;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
