package dev.ripeness.streams.ripeness;

import dev.ripeness.streams.stalemate.Battlefield;
import java.time.LocalDate;

/**
 * How the fold finds where a rolling window starts: the battlefield tallies of the latest
 * event date on or before a date. Only the tallies, so that the look-up stays small (the
 * topology keeps them in their own store).
 */
@FunctionalInterface
public interface SnapshotLookup {

    /** The tallies at the latest event date {@code <= date}, or null when there is none. */
    Battlefield atOrBefore(LocalDate date);
}
