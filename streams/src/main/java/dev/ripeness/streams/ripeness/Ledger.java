package dev.ripeness.streams.ripeness;

import dev.ripeness.streams.model.Contribution;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The explanation of one published component, kept so that it always adds up:
 * {@code value = baseline + earlier + decay + sum(drivers.delta)}.
 *
 * <ul>
 *   <li>{@code baseline}: the component's value before any event (e.g. 0.5 perceived
 *       stalemate when nothing has moved);</li>
 *   <li>each driver: an event's effect on the date it was applied (the value after it minus
 *       the value before it, the day's events taken in the model's fixed order);</li>
 *   <li>{@code earlier}: the effects of events no longer listed (older than
 *       {@code explanations.driverMemoryDays}, or smaller than the listed ones);</li>
 *   <li>{@code decay}: every change with the passing of time alone (half-lives), since the
 *       first event.</li>
 * </ul>
 */
public final class Ledger {

    /** Event ids of the entries that are not events. */
    public static final String BASELINE = "(baseline)";
    public static final String EARLIER = "(earlier events)";
    public static final String DECAY = "(decay)";

    private static final Comparator<Contribution> KEEP = Comparator
            .comparingDouble((Contribution c) -> -Math.abs(c.delta()))
            .thenComparing(Contribution::date, Comparator.reverseOrder())
            .thenComparing(Contribution::eventId);

    public double baseline;
    public double earlier;
    public double decay;
    public List<Contribution> drivers = new ArrayList<>();

    public Ledger copy() {
        Ledger l = new Ledger();
        l.baseline = baseline;
        l.earlier = earlier;
        l.decay = decay;
        l.drivers = new ArrayList<>(drivers);
        return l;
    }

    /** The value this ledger explains. */
    public double total() {
        double sum = baseline + earlier + decay;
        for (Contribution c : drivers) {
            sum += c.delta();
        }
        return sum;
    }

    /**
     * Keeps the {@code max} largest effects of {@code asOf} itself (what moved the value today is
     * listed even when older effects were larger) and the {@code max} largest earlier effects
     * within {@code memoryDays}; the rest go to {@link #earlier}. At most {@code 2 * max} entries,
     * however many events a day brings.
     */
    public void prune(LocalDate asOf, int memoryDays, int max) {
        String today = asOf.toString();
        String oldest = asOf.minusDays(memoryDays).toString();
        List<Contribution> todays = new ArrayList<>();
        List<Contribution> older = new ArrayList<>();
        for (Contribution c : drivers) {
            if (c.date().equals(today)) {
                todays.add(c);
            } else if (c.date().compareTo(oldest) > 0) {
                older.add(c);
            } else {
                earlier += c.delta();
            }
        }
        List<Contribution> kept = new ArrayList<>();
        for (List<Contribution> group : List.of(todays, older)) {
            group.sort(KEEP);
            for (int i = 0; i < group.size(); i++) {
                if (i < max) {
                    kept.add(group.get(i));
                } else {
                    earlier += group.get(i).delta();
                }
            }
        }
        kept.sort(KEEP);
        drivers = kept;
    }
}
