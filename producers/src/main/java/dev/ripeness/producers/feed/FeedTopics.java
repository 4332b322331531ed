package dev.ripeness.producers.feed;

import dev.ripeness.topics.Topics;

/**
 * Where a feed writes: the event log and the dead-letter topic. Injectable so that tests
 * (and a second deployment on the same cluster) keep apart; {@link #DEFAULT} is the
 * pipeline's own topics.
 */
public record FeedTopics(String events, String deadLetters) {

    public static final FeedTopics DEFAULT = new FeedTopics(Topics.EVENTS.name(), Topics.DEAD_LETTERS.name());
}
