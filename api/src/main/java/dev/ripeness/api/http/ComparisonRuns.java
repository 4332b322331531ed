package dev.ripeness.api.http;

import dev.ripeness.schema.RipenessAssessment;
import java.util.List;
import java.util.Optional;

/**
 * Comparison runs kept beside the live state ({@code ripeness replay --compare --keep}) for
 * the dashboard to overlay: {@code GET /api/runs} and {@code GET /api/conflicts/{id}/timeline?run=}.
 * The launcher implements it over the side topics {@code ripeness-compare-<id>.*}.
 */
public interface ComparisonRuns {

    /** The ids of the kept comparison runs (the {@code <id>} of {@code ripeness-compare-<id>}), sorted. */
    List<String> runs();

    /** The run's assessment timeline of {@code conflict}, oldest first; empty when there is no such run. */
    Optional<List<RipenessAssessment>> timeline(String run, String conflict);
}
