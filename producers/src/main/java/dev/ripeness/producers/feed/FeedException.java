package dev.ripeness.producers.feed;

import org.apache.kafka.common.errors.RetriableException;

/** The log could not be read or written (broker unreachable, transaction aborted): not a problem of the records. */
public final class FeedException extends RuntimeException {

    public FeedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the same feed may succeed later: a wait that ran out or a Kafka error Kafka itself calls
     * retriable (a broker restarting, a leader moving), as opposed to, say, a fenced producer or a refused login.
     */
    public boolean retriable() {
        Throwable cause = getCause();
        return cause == null || cause instanceof RetriableException || cause instanceof java.util.concurrent.TimeoutException;
    }
}
