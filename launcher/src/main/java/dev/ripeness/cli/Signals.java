package dev.ripeness.cli;

import sun.misc.Signal;

/** Turns Ctrl-C (INT) and SIGTERM into a callback instead of an abrupt JVM exit. */
final class Signals {

    private Signals() {}

    static void onTermination(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException e) {
                // Signal not supported on this platform: the shutdown hook still stops everything.
            }
        }
    }
}
