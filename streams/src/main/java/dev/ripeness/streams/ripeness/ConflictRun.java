package dev.ripeness.streams.ripeness;

import dev.ripeness.schema.Event;
import dev.ripeness.schema.RipenessAssessment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The model's fold over one conflict's effective events, in memory: the same
 * {@link RipenessModel#day} calls the pipeline's processor makes, in event-date order, for
 * whole-history runs that need no broker (the backtest, model tests, benchmarks).
 */
public final class ConflictRun {

    private final RipenessModel model;
    private final TreeMap<LocalDate, ConflictSnapshot> snapshots = new TreeMap<>();
    private final TreeMap<LocalDate, DayOutputs> outputs = new TreeMap<>();

    private ConflictRun(RipenessModel model) {
        this.model = model;
    }

    /** Folds {@code events} (effective events of one conflict, any order) date by date. */
    public static ConflictRun of(RipenessModel model, List<Event> events) {
        ConflictRun run = new ConflictRun(model);
        TreeMap<LocalDate, List<Event>> byDate = new TreeMap<>();
        for (Event e : events) {
            byDate.computeIfAbsent(LocalDate.parse(e.getDate()), d -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<LocalDate, List<Event>> day : byDate.entrySet()) {
            Map.Entry<LocalDate, ConflictSnapshot> prev = run.snapshots.lowerEntry(day.getKey());
            DayResult r = model.day(prev == null ? null : prev.getValue(), day.getKey(), day.getValue(), d -> {
                Map.Entry<LocalDate, ConflictSnapshot> e = run.snapshots.floorEntry(d);
                return e == null ? null : e.getValue().battlefield;
            });
            run.snapshots.put(day.getKey(), r.snapshot());
            run.outputs.put(day.getKey(), r.outputs());
        }
        return run;
    }

    /** Outputs of each event date, oldest first. */
    public TreeMap<LocalDate, DayOutputs> outputs() {
        return outputs;
    }

    /** The assessment as of any day on or after the first event date, decay applied (empty before it). */
    public Optional<RipenessAssessment> at(LocalDate date) {
        Map.Entry<LocalDate, ConflictSnapshot> s = snapshots.floorEntry(date);
        if (s == null) {
            return Optional.empty();
        }
        if (s.getKey().equals(date)) {
            return Optional.of(outputs.get(date).assessment());
        }
        return Optional.of(model.at(s.getValue(), date));
    }

    public Optional<LocalDate> first() {
        return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.firstKey());
    }

    public Optional<LocalDate> last() {
        return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.lastKey());
    }
}
