package dev.ripeness.producers.feed;

/** The log could not be written (broker unreachable, transaction aborted): not a problem of the records. */
public final class FeedException extends RuntimeException {

    public FeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
