package dev.ripeness.api.http;

/** The port the API was asked to listen on is taken by another process. */
public final class HttpPortInUseException extends RuntimeException {

    private final int port;

    public HttpPortInUseException(int port, Throwable cause) {
        super("HTTP port " + port + " is already in use", cause);
        this.port = port;
    }

    /** The port that was taken. */
    public int port() {
        return port;
    }
}
