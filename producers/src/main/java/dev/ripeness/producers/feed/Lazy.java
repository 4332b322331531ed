package dev.ripeness.producers.feed;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator over items computed one at a time: {@link #advance()} gives the next item, or
 * null when there are no more. Inputs of any size are read this way, never held whole.
 */
public abstract class Lazy<T> implements Iterator<T> {

    private T next;
    private boolean done;

    /** The next item, or null at the end (then never called again). */
    protected abstract T advance();

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            next = advance();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T t = next;
        next = null;
        return t;
    }
}
