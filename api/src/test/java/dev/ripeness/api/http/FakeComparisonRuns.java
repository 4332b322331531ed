package dev.ripeness.api.http;

import dev.ripeness.schema.RipenessAssessment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Comparison runs held in memory: run id → its assessment timeline (every conflict). */
public final class FakeComparisonRuns implements ComparisonRuns {

    private final Map<String, List<RipenessAssessment>> runs = new TreeMap<>();

    /** Adds a run whose ripeness is the given series' ripeness times {@code factor}. */
    public FakeComparisonRuns withRun(String id, List<RipenessAssessment> series, double factor) {
        runs.put(id, series.stream().map(a -> RipenessAssessment.newBuilder(a).setRipeness(a.getRipeness() * factor).build()).toList());
        return this;
    }

    @Override
    public List<String> runs() {
        return List.copyOf(runs.keySet());
    }

    @Override
    public Optional<List<RipenessAssessment>> timeline(String run, String conflict) {
        return Optional.ofNullable(runs.get(run)).map(points -> points.stream().filter(a -> a.getConflict().equals(conflict)).toList());
    }
}
