package dev.ripeness.streams.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Keeps explanation lists bounded and in one deterministic order, whatever order they were added in. */
public final class Contributions {

    private Contributions() {}

    /** Largest effect first, then newest, then by event id and component: a total order. */
    public static final Comparator<Contribution> ORDER = Comparator
            .comparingDouble((Contribution c) -> -Math.abs(c.delta()))
            .thenComparing(Contribution::date, Comparator.reverseOrder())
            .thenComparing(Contribution::eventId)
            .thenComparing(Contribution::component);

    /**
     * {@code kept} plus {@code added}, without entries older than {@code memoryDays} before
     * {@code asOf}, at most {@code max} of them, in {@link #ORDER}.
     */
    public static List<Contribution> merge(List<Contribution> kept, List<Contribution> added, LocalDate asOf,
                                           int memoryDays, int max) {
        String oldest = asOf.minusDays(memoryDays).toString();
        List<Contribution> all = new ArrayList<>(kept.size() + added.size());
        for (List<Contribution> list : List.of(kept, added)) {
            for (Contribution c : list) {
                if (c.date().compareTo(oldest) > 0) {
                    all.add(c);
                }
            }
        }
        all.sort(ORDER);
        return all.size() > max ? new ArrayList<>(all.subList(0, max)) : all;
    }
}
