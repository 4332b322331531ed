package dev.ripeness.api.live;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans each published change out to the current subscribers; one failing listener does not stop the others. */
public final class StateChangeHub implements StateChanges {

    private static final Logger LOG = LoggerFactory.getLogger(StateChangeHub.class);

    private final CopyOnWriteArrayList<Consumer<LiveChange>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public AutoCloseable subscribe(Consumer<LiveChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Delivers {@code change} to every subscriber. */
    public void publish(LiveChange change) {
        for (Consumer<LiveChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("a state-change listener failed on {}: {}", change.key(), e.toString());
            }
        }
    }

    /** How many listeners are subscribed (live SSE clients). */
    public int subscribers() {
        return listeners.size();
    }
}
