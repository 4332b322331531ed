package dev.ripeness.replay;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.serde.AvroSerde;
import dev.ripeness.streams.ledger.EventLedger;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.ripeness.ConflictRun;
import dev.ripeness.streams.ripeness.DayOutputs;
import dev.ripeness.streams.ripeness.RipenessModel;
import dev.ripeness.topics.TopicReader;
import dev.ripeness.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "As known at" answers: what the pipeline said with only the events recorded
 * ({@code Event.recordedAt}) up to an instant. Each call reads the partition that holds the
 * conflict, keeps the conflict's events recorded by then, applies them in event-date order
 * (then log order) to an {@link EventLedger} — the pipeline's duplicate, version, correction
 * and retraction rules — and folds what is in effect with the model ({@link ConflictRun}),
 * all in memory. Events without a {@code recordedAt} (0) count as known since always; records
 * the pipeline dead-letters (undecodable, refused, keyed under another conflict) change nothing.
 * Cost: one pass over that partition per call; heap: the conflict's events and one snapshot per
 * event date.
 *
 * <p>For the HTTP API: {@code GET /api/conflicts/{id}/ripeness?knownAt=...} can call
 * {@link #ripeness(String, Instant, LocalDate)}; it is safe to call from several threads
 * (each call has its own ledger and run).
 */
public final class KnownAtQueries {

    private static final AvroSerde<Event> EVENT_SERDE = AvroSerde.of(Event.class);

    private final Map<String, Object> clientConfig;
    private final ConflictCatalog catalog;
    private final ModelConfig model;
    private final String eventsTopic;

    /**
     * @param clientConfig Kafka client properties (at least {@code bootstrap.servers}) of the cluster whose log to read
     */
    public KnownAtQueries(Map<String, Object> clientConfig, ConflictCatalog catalog, ModelConfig model) {
        this(clientConfig, catalog, model, Topics.EVENTS.name());
    }

    /** The same over another event log topic (a separate deployment, tests). */
    public KnownAtQueries(Map<String, Object> clientConfig, ConflictCatalog catalog, ModelConfig model, String eventsTopic) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.catalog = catalog;
        this.model = model;
        this.eventsTopic = eventsTopic;
    }

    /**
     * The assessment of {@code conflict} as of event date {@code asOf} (null: latest) from the
     * events recorded up to {@code knownAt}: that of its latest event date on or before
     * {@code asOf}, as the as-of queries answer; empty when none of them concerns it by then.
     */
    public Optional<RipenessAssessment> ripeness(String conflict, Instant knownAt, LocalDate asOf) {
        return run(conflict, knownAt).map(run -> asOf == null ? run.outputs().lastEntry() : run.outputs().floorEntry(asOf))
                .map(Map.Entry::getValue).map(DayOutputs::assessment);
    }

    /** The timeline of {@code conflict} (oldest first) from the events recorded up to {@code knownAt}. */
    public List<RipenessAssessment> timeline(String conflict, Instant knownAt) {
        return run(conflict, knownAt).map(run -> run.outputs().values().stream().map(DayOutputs::assessment).toList())
                .orElse(List.of());
    }

    /** The model's run over the conflict's events known at {@code knownAt}; empty for a conflict the catalog lacks. */
    private Optional<ConflictRun> run(String conflict, Instant knownAt) {
        Optional<ConflictConfig> config = catalog.find(conflict);
        if (config.isEmpty()) {
            return Optional.empty(); // the pipeline refuses every event of a conflict it is not configured for
        }
        long limit = knownAt.toEpochMilli();
        byte[] key = conflict.getBytes(StandardCharsets.UTF_8);
        List<Known> known = new ArrayList<>();
        TopicReader.readPartitionOf(clientConfig, eventsTopic, conflict, TopicReader.DEFAULT_DEADLINE, r -> {
            if (!Arrays.equals(key, r.key()) || r.value() == null) {
                return;
            }
            Event e;
            try {
                e = EVENT_SERDE.decode(r.value());
            } catch (RuntimeException notAnEvent) {
                return; // dead-lettered by the pipeline
            }
            // The pipeline dead-letters an event keyed under another conflict.
            if (e.getRecordedAt() <= limit && conflict.equals(e.getConflict())) {
                known.add(new Known(e, r.offset()));
            }
        });
        // Event-date order, then log order: the order the in-process topology was fed before,
        // which decides the few outcomes that depend on order (a correction naming an event
        // that is itself a correction is refused only when that event came first).
        known.sort(Comparator.comparing((Known k) -> k.event().getDate()).thenComparingLong(Known::offset));
        EventLedger ledger = EventLedger.of(catalog);
        known.forEach(k -> ledger.accept(k.event()));
        return Optional.of(ConflictRun.of(new RipenessModel(config.get(), model), ledger.effective(conflict)));
    }

    private record Known(Event event, long offset) {}
}
