package dev.ripeness.streams.query;

/** The state cannot be read right now (rebalance or restore in progress); try again shortly. */
public class StateUnavailableException extends RuntimeException {

    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StateUnavailableException(String message) {
        super(message);
    }
}
