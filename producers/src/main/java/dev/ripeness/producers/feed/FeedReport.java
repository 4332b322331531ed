package dev.ripeness.producers.feed;

import java.util.List;

/** The outcome of one feed: a result per record, in input order. */
public record FeedReport(List<RecordResult> results) {

    public long count(RecordResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    public long accepted() {
        return count(RecordResult.Status.ACCEPTED);
    }

    public long duplicates() {
        return count(RecordResult.Status.DUPLICATE);
    }

    public long filtered() {
        return count(RecordResult.Status.FILTERED);
    }

    public long rejected() {
        return count(RecordResult.Status.REJECTED);
    }
}
