package dev.ripeness.api.live;

import java.util.function.Consumer;

/** A source of live state changes that the SSE endpoint relays to browsers. */
public interface StateChanges {

    /**
     * Calls {@code listener} for every change from now on, on the source's own thread;
     * closing the returned handle stops the calls. Listeners must not block.
     */
    AutoCloseable subscribe(Consumer<LiveChange> listener);

    /** Records of the state topics not yet read, when the source knows (for {@code /metrics}). */
    default java.util.OptionalLong lag() {
        return java.util.OptionalLong.empty();
    }

    /** Changes that never come: for an API without live push. */
    StateChanges NONE = listener -> () -> { };
}
