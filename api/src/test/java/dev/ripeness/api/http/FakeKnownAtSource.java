package dev.ripeness.api.http;

import dev.ripeness.schema.RipenessAssessment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A known-at source over a fixed series in which every event was recorded at noon UTC of its
 * event date: an instant knows the assessments dated on or before its day (up to noon on
 * that day). Remembers the instants it was asked about.
 */
final class FakeKnownAtSource implements KnownAtSource {

    private final List<RipenessAssessment> series;
    final List<Instant> asked = new ArrayList<>();

    FakeKnownAtSource(List<RipenessAssessment> series) {
        this.series = List.copyOf(series);
    }

    /** Forgets the instants asked so far. */
    synchronized void forget() {
        asked.clear();
    }

    @Override
    public synchronized Optional<RipenessAssessment> ripeness(String conflict, Instant knownAt, LocalDate asOf) {
        List<RipenessAssessment> known = timeline(conflict, knownAt);
        return known.stream().filter(a -> asOf == null || a.getAsOf().compareTo(asOf.toString()) <= 0)
                .reduce((first, second) -> second);
    }

    @Override
    public synchronized List<RipenessAssessment> timeline(String conflict, Instant knownAt) {
        asked.add(knownAt);
        return series.stream().filter(a -> a.getConflict().equals(conflict))
                .filter(a -> !LocalDate.parse(a.getAsOf()).atTime(12, 0).toInstant(ZoneOffset.UTC).isAfter(knownAt))
                .toList();
    }
}
