package dev.ripeness.producers.feed;

/**
 * Offers records to the event log. Each record is parsed and validated on its own: good
 * ones are appended (idempotently, by eventId), bad ones go to the dead-letter topic with
 * their reason; one bad record never stops the rest.
 */
public interface EventFeed {

    /**
     * Feeds a body holding a JSON array of events or JSON lines (one event per line); a record
     * holding bytes that are not UTF-8 is rejected on its own.
     *
     * @param origin where the body came from, e.g. {@code POST /api/events from 127.0.0.1}
     */
    FeedReport feedJson(Utf8Body body, String origin);

    /**
     * Feeds a body holding canonical CSV with a header row (docs/events.md); a row holding
     * bytes that are not UTF-8 is rejected on its own.
     *
     * @throws IllegalArgumentException when the header is not the canonical one
     */
    FeedReport feedCsv(Utf8Body body, String origin);

    /** {@link #feedJson(Utf8Body, String)} of text. */
    default FeedReport feedJson(String body, String origin) {
        return feedJson(Utf8Body.of(body), origin);
    }

    /** {@link #feedCsv(Utf8Body, String)} of text. */
    default FeedReport feedCsv(String body, String origin) {
        return feedCsv(Utf8Body.of(body), origin);
    }
}
