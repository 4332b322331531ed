package dev.ripeness.broker;

/** The port the broker was asked to listen on is taken by another process. */
public final class PortInUseException extends RuntimeException {

    private final int port;

    public PortInUseException(int port) {
        super("port " + port + " is already in use");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
