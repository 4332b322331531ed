package dev.ripeness.streams.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keeps explanation lists bounded and in one deterministic order, whatever order they were added in. */
public final class Contributions {

    private Contributions() {}

    /** Largest effect first, then newest, then by event id and component: a total order. */
    public static final Comparator<Contribution> ORDER = Comparator
            .comparingDouble((Contribution c) -> -Math.abs(c.delta()))
            .thenComparing(Contribution::date, Comparator.reverseOrder())
            .thenComparing(Contribution::eventId)
            .thenComparing(Contribution::component);

    /** Within one component: newest first, then the larger effect, then by event id. */
    private static final Comparator<Contribution> RECENT = Comparator.comparing(Contribution::date, Comparator.reverseOrder())
            .thenComparingDouble(c -> -Math.abs(c.delta()))
            .thenComparing(Contribution::eventId);

    /**
     * {@code kept} plus {@code added}, without entries older than {@code memoryDays} before
     * {@code asOf}, keeping per component the {@code maxPerComponent} most recent (so every
     * component keeps its own explanation however large the others are), in {@link #ORDER}.
     */
    public static List<Contribution> merge(List<Contribution> kept, List<Contribution> added, LocalDate asOf,
                                           int memoryDays, int maxPerComponent) {
        String oldest = asOf.minusDays(memoryDays).toString();
        if (added.isEmpty() && unchanged(kept, oldest, maxPerComponent)) {
            // The fold re-prunes every front's list on every date; most lists are already final.
            return new ArrayList<>(kept);
        }
        Map<String, List<Contribution>> byComponent = new TreeMap<>();
        for (List<Contribution> list : List.of(kept, added)) {
            for (Contribution c : list) {
                if (c.date().compareTo(oldest) > 0) {
                    byComponent.computeIfAbsent(c.component(), k -> new ArrayList<>()).add(c);
                }
            }
        }
        List<Contribution> all = new ArrayList<>();
        for (List<Contribution> group : byComponent.values()) {
            group.sort(RECENT);
            all.addAll(group.size() > maxPerComponent ? group.subList(0, maxPerComponent) : group);
        }
        all.sort(ORDER);
        return all;
    }

    /**
     * Whether {@link #merge} would return {@code kept} as it is: nothing older than {@code oldest},
     * no more entries than one component may keep, already in {@link #ORDER} (the general path's
     * last sort is stable, so a sorted list comes out of it unchanged).
     */
    private static boolean unchanged(List<Contribution> kept, String oldest, int maxPerComponent) {
        if (kept.size() > maxPerComponent) {
            return false;
        }
        Contribution previous = null;
        for (Contribution c : kept) {
            if (c.date().compareTo(oldest) <= 0 || (previous != null && ORDER.compare(previous, c) > 0)) {
                return false;
            }
            previous = c;
        }
        return true;
    }
}
