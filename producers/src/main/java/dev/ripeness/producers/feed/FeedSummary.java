package dev.ripeness.producers.feed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Counts of a feed of any size, with the first reasons for rejection and every reason for
 * filtering or rejection grouped and counted, without keeping a result per record (a feed
 * may hold tens of millions).
 */
public final class FeedSummary {

    /** How many rejection reasons a summary keeps verbatim. */
    public static final int KEPT_REASONS = 10;
    /** How many distinct reason groups a summary counts; later new groups fall into one "other" group. */
    public static final int KEPT_GROUPS = 100;

    private static final Pattern PLACE = Pattern.compile("^(line|record) \\d+: ");
    private static final Pattern QUOTED = Pattern.compile("`[^`]*`");

    private long accepted;
    private long duplicates;
    private long filtered;
    private long rejected;
    private final List<String> firstReasons = new ArrayList<>();
    private final Map<String, Long> filteredGroups = new LinkedHashMap<>();
    private final Map<String, Long> rejectedGroups = new LinkedHashMap<>();

    /** Counts one result. */
    public void add(RecordResult r) {
        switch (r.status()) {
            case ACCEPTED -> accepted++;
            case DUPLICATE -> duplicates++;
            case FILTERED -> {
                filtered++;
                count(filteredGroups, group(r.reason()));
            }
            case REJECTED -> {
                rejected++;
                if (firstReasons.size() < KEPT_REASONS) {
                    firstReasons.add(r.reason());
                }
                count(rejectedGroups, group(r.reason()));
            }
        }
    }

    /**
     * The group a reason belongs to: without its place ({@code line 17: }), cut at {@code " — "}
     * (filter reasons read {@code group — detail}), and with back-quoted values left out for rejections.
     */
    public static String group(String reason) {
        if (reason == null) {
            return "(no reason)";
        }
        String r = PLACE.matcher(reason).replaceFirst("");
        int dash = r.indexOf(" — ");
        if (dash >= 0) {
            return r.substring(0, dash);
        }
        return QUOTED.matcher(r).replaceAll("`…`");
    }

    private static void count(Map<String, Long> groups, String key) {
        if (!groups.containsKey(key) && groups.size() >= KEPT_GROUPS) {
            key = "(other reasons)";
        }
        groups.merge(key, 1L, Long::sum);
    }

    public long accepted() {
        return accepted;
    }

    public long duplicates() {
        return duplicates;
    }

    public long filtered() {
        return filtered;
    }

    public long rejected() {
        return rejected;
    }

    public long total() {
        return accepted + duplicates + filtered + rejected;
    }

    /** The first {@value #KEPT_REASONS} rejection reasons, in input order. */
    public List<String> firstReasons() {
        return Collections.unmodifiableList(firstReasons);
    }

    /** Filter reasons grouped, most frequent first. */
    public Map<String, Long> filteredByReason() {
        return sorted(filteredGroups);
    }

    /** Rejection reasons grouped (values in back-quotes left out), most frequent first. */
    public Map<String, Long> rejectedByReason() {
        return sorted(rejectedGroups);
    }

    private static Map<String, Long> sorted(Map<String, Long> groups) {
        Map<String, Long> out = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(out);
    }

    /** One line: {@code accepted 10, duplicates 2, filtered 3, rejected 1}. */
    @Override
    public String toString() {
        return "accepted " + accepted + ", duplicates " + duplicates + ", filtered " + filtered + ", rejected " + rejected;
    }
}
