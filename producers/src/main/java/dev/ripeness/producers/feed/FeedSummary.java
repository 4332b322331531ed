package dev.ripeness.producers.feed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Counts of a feed of any size, with the first reasons for rejection, without keeping a
 * result per record (a feed may hold tens of millions).
 */
public final class FeedSummary {

    /** How many rejection reasons a summary keeps. */
    public static final int KEPT_REASONS = 10;

    private long accepted;
    private long duplicates;
    private long rejected;
    private final List<String> firstReasons = new ArrayList<>();

    /** Counts one result. */
    public void add(RecordResult r) {
        switch (r.status()) {
            case ACCEPTED -> accepted++;
            case DUPLICATE -> duplicates++;
            case REJECTED -> {
                rejected++;
                if (firstReasons.size() < KEPT_REASONS) {
                    firstReasons.add(r.reason());
                }
            }
        }
    }

    public long accepted() {
        return accepted;
    }

    public long duplicates() {
        return duplicates;
    }

    public long rejected() {
        return rejected;
    }

    public long total() {
        return accepted + duplicates + rejected;
    }

    /** The first {@value #KEPT_REASONS} rejection reasons, in input order. */
    public List<String> firstReasons() {
        return Collections.unmodifiableList(firstReasons);
    }

    /** One line: {@code accepted 10, duplicates 2, rejected 1}. */
    @Override
    public String toString() {
        return "accepted " + accepted + ", duplicates " + duplicates + ", rejected " + rejected;
    }
}
