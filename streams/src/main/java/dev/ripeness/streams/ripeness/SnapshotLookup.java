package dev.ripeness.streams.ripeness;

import java.time.LocalDate;

/** How the fold finds earlier state: the snapshot of the latest event date on or before a date. */
@FunctionalInterface
public interface SnapshotLookup {

    /** The snapshot at the latest event date {@code <= date}, or null when there is none. */
    ConflictSnapshot atOrBefore(LocalDate date);
}
