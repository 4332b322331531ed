package dev.ripeness.producers.feed;

/**
 * Offers records to the event log. Each record is parsed and validated on its own: good
 * ones are appended (idempotently, by eventId), bad ones go to the dead-letter topic with
 * their reason; one bad record never stops the rest.
 */
public interface EventFeed {

    /**
     * Feeds a body holding a JSON array of events or JSON lines (one event per line).
     *
     * @param origin where the body came from, e.g. {@code POST /api/events from 127.0.0.1}
     */
    FeedReport feedJson(String body, String origin);

    /**
     * Feeds a body holding canonical CSV with a header row (docs/events.md).
     *
     * @throws IllegalArgumentException when the header is not the canonical one
     */
    FeedReport feedCsv(String body, String origin);
}
