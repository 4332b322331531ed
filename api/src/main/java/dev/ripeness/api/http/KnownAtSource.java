package dev.ripeness.api.http;

import dev.ripeness.schema.RipenessAssessment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * "As known at" answers for {@code ?knownAt=}: what the pipeline said with only the events
 * recorded up to an instant. The launcher implements it with a replay of the conflict's log
 * ({@code dev.ripeness.replay.KnownAtQueries}), so each call costs one pass over the log.
 */
public interface KnownAtSource {

    /** The assessment as of event date {@code asOf} (null: latest) from the events recorded up to {@code knownAt}. */
    Optional<RipenessAssessment> ripeness(String conflict, Instant knownAt, LocalDate asOf);

    /** Every assessment of {@code conflict}, oldest first, from the events recorded up to {@code knownAt}. */
    List<RipenessAssessment> timeline(String conflict, Instant knownAt);
}
