package dev.ripeness.streams.topology;

import static dev.ripeness.streams.topology.StoreNames.MAX_DATE;
import static dev.ripeness.streams.topology.StoreNames.MIN_DATE;
import static dev.ripeness.streams.topology.StoreNames.dateKey;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.DeadLetter;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.streams.model.EventCheck;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.ripeness.ConflictSnapshot;
import dev.ripeness.streams.ripeness.DayOutputs;
import dev.ripeness.streams.ripeness.DayResult;
import dev.ripeness.streams.ripeness.RipenessModel;
import dev.ripeness.streams.ripeness.SnapshotCodec;
import dev.ripeness.streams.stalemate.Battlefield;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline for the conflicts of one partition. Events are keyed by conflict, so
 * one task holds a conflict's entire state: no repartition, no join, one deterministic order.
 *
 * <p>Per event: decode and check (else dead letter); idempotency by eventId; resolve what
 * is now in effect for the event it concerns (itself, or the one it corrects or retracts —
 * order-independent, see docs/streams.md); move it between daily buckets; re-fold the
 * snapshots from the earliest affected date forward through the later event dates,
 * publishing each recomputed date's timeline record and finally the current records.
 * An in-order event recomputes one date; cost grows with the span a late event affects,
 * never with the length of history.
 */
final class RipenessProcessor extends ContextualProcessor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(RipenessProcessor.class);
    private static final byte[] EMPTY = new byte[0];
    private static final char SEP = '\u0000';

    private final ConflictCatalog catalog;
    private final ModelConfig model;
    private final Map<String, RipenessModel> models = new HashMap<>();

    private KeyValueStore<String, byte[]> events;
    private KeyValueStore<String, byte[]> refs;
    private KeyValueStore<String, byte[]> effective;
    private KeyValueStore<String, byte[]> buckets;
    private KeyValueStore<String, byte[]> snapshots;
    private KeyValueStore<String, byte[]> tallies;
    private KeyValueStore<String, byte[]> outputs;
    private KeyValueStore<String, byte[]> latest;

    RipenessProcessor(ConflictCatalog catalog, ModelConfig model) {
        this.catalog = catalog;
        this.model = model;
    }

    @Override
    public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, Object> context) {
        super.init(context);
        events = context.getStateStore(StoreNames.EVENTS);
        refs = context.getStateStore(StoreNames.REFS);
        effective = context.getStateStore(StoreNames.EFFECTIVE);
        buckets = context.getStateStore(StoreNames.BUCKETS);
        snapshots = context.getStateStore(StoreNames.SNAPSHOTS);
        tallies = context.getStateStore(StoreNames.TALLIES);
        outputs = context.getStateStore(StoreNames.OUTPUTS);
        latest = context.getStateStore(StoreNames.LATEST);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Event event;
        try {
            event = Codecs.EVENT.decode(record.value());
        } catch (RuntimeException e) {
            deadLetter(record, null, null, record.value() == null
                    ? "empty record (tombstone): the event log never deletes; send a retraction event instead"
                    : "not an Avro single-object encoded Event (" + e.getMessage()
                    + "); produce events with the project's AvroSerde or through `ripeness feed`");
            return;
        }
        Optional<EventCheck.Problem> problem = EventCheck.check(event, record.key(), catalog);
        if (problem.isPresent()) {
            deadLetter(record, event.getEventId(), problem.get().field(), problem.get().reason());
            return;
        }
        try {
            accept(record, event);
        } catch (RuntimeException e) {
            // A bug must not stop every conflict: keep the record with the reason and go on.
            LOG.error("event {} at {} failed in the model", event.getEventId(), origin(), e);
            deadLetter(record, event.getEventId(), null, "internal error while applying the event ("
                    + e + "); report it with this record, the pipeline carried on");
        }
    }

    private void accept(Record<String, byte[]> record, Event event) {
        String id = event.getEventId();
        byte[] storedBytes = events.get(id);
        Event stored = storedBytes == null ? null : Codecs.EVENT.decode(storedBytes);
        if (stored != null) {
            if (!stored.getConflict().equals(event.getConflict())) {
                deadLetter(record, id, "eventId", "eventId " + id + " is already used by an event of conflict "
                        + stored.getConflict() + "; event ids must be unique across conflicts");
                return;
            }
            int cmp = EventVersions.compare(event, stored);
            if (cmp == 0) {
                return; // an identical duplicate: nothing changes
            }
            if (cmp < 0) {
                deadLetter(record, id, "eventId", "another version of event " + id + " is in effect (later knownSince, "
                        + "or the same knownSince and greater content); to change an event send a new event with "
                        + "`corrects: " + id + "`");
                return;
            }
        }
        String ref = event.getCorrects() != null ? event.getCorrects() : event.getRetracts();
        Event named = ref == null ? null : decode(events.get(ref));
        if (named != null && !named.getConflict().equals(event.getConflict())) {
            deadLetter(record, id, event.getCorrects() != null ? "corrects" : "retracts", "names event " + ref
                    + " of conflict " + named.getConflict() + ", not " + event.getConflict());
            return;
        }
        if (named != null && event.getCorrects() != null && (named.getCorrects() != null || named.getRetracts() != null)) {
            deadLetter(record, id, "corrects", "names " + ref + ", itself a correction or retraction; name the original event "
                    + (named.getCorrects() != null ? named.getCorrects() : named.getRetracts()) + " instead");
            return;
        }
        if (named != null && event.getRetracts() != null && named.getRetracts() != null) {
            deadLetter(record, id, "retracts", "names " + ref + ", itself a retraction; to restore "
                    + named.getRetracts() + " send it again under a new eventId");
            return;
        }
        events.put(id, Codecs.EVENT.encode(event));
        TreeSet<String> subjects = new TreeSet<>();
        if (stored != null) {
            subjects.add(subjectOf(stored));
            removeRef(stored);
        }
        if (event.getCorrects() != null) {
            refs.put(event.getCorrects() + SEP + "C" + SEP + id, EMPTY);
        } else if (event.getRetracts() != null) {
            refs.put(event.getRetracts() + SEP + "R" + SEP + id, EMPTY);
        }
        subjects.add(subjectOf(event));
        String from = null;
        for (String subject : subjects) {
            String changed = resolve(event.getConflict(), subject);
            if (changed != null && (from == null || changed.compareTo(from) < 0)) {
                from = changed;
            }
        }
        if (from != null) {
            recompute(event.getConflict(), LocalDate.parse(from), record.timestamp());
        }
    }

    private void removeRef(Event old) {
        if (old.getCorrects() != null) {
            refs.delete(old.getCorrects() + SEP + "C" + SEP + old.getEventId());
        } else if (old.getRetracts() != null) {
            refs.delete(old.getRetracts() + SEP + "R" + SEP + old.getEventId());
        }
    }

    /** The original event whose effective content this event decides. */
    private String subjectOf(Event e) {
        if (e.getCorrects() != null) {
            return e.getCorrects();
        }
        if (e.getRetracts() != null) {
            Event named = decode(events.get(e.getRetracts()));
            return named != null && named.getCorrects() != null ? named.getCorrects() : e.getRetracts();
        }
        return e.getEventId();
    }

    /**
     * Recomputes what is in effect for an original event from everything known about it, so
     * the answer does not depend on arrival order: nothing while the original is unknown or
     * any retraction names it; otherwise the non-retracted correction with the latest
     * knownSince (ties: greatest eventId), else the original. Moves the content between
     * daily buckets; returns the earliest date it touched, or null when nothing changed.
     */
    private String resolve(String conflict, String subject) {
        Event original = decode(events.get(subject));
        Event now = null;
        if (original != null && original.getConflict().equals(conflict)
                && original.getCorrects() == null && original.getRetracts() == null
                && named(subject, 'R', conflict).isEmpty()) {
            now = original;
            for (Event correction : named(subject, 'C', conflict)) {
                if (named(correction.getEventId(), 'R', conflict).isEmpty()
                        && (now == original || EventVersions.laterCorrection(correction, now))) {
                    now = correction;
                }
            }
        }
        byte[] beforeBytes = effective.get(subject);
        byte[] nowBytes = now == null ? null : Codecs.EVENT.encode(now);
        if (Arrays.equals(beforeBytes, nowBytes)) {
            return null;
        }
        Event before = decode(beforeBytes);
        String from = null;
        if (before != null) {
            removeFromBucket(conflict, before);
            from = before.getDate();
        }
        if (now != null) {
            addToBucket(conflict, now);
            effective.put(subject, nowBytes);
            from = from == null || now.getDate().compareTo(from) < 0 ? now.getDate() : from;
        } else {
            effective.delete(subject);
        }
        return from;
    }

    /** Events of the conflict that correct ('C') or retract ('R') {@code target}, in eventId order. */
    private List<Event> named(String target, char kind, String conflict) {
        List<Event> out = new ArrayList<>();
        String prefix = target + SEP + kind + SEP;
        try (KeyValueIterator<String, byte[]> it = refs.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                String key = it.next().key;
                Event e = decode(events.get(key.substring(prefix.length())));
                if (e != null && e.getConflict().equals(conflict)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private void addToBucket(String conflict, Event e) {
        String key = dateKey(conflict, e.getDate());
        List<Event> day = Codecs.events(buckets.get(key));
        day.removeIf(x -> x.getEventId().equals(e.getEventId()));
        day.add(e);
        day.sort((a, b) -> a.getEventId().compareTo(b.getEventId()));
        buckets.put(key, Codecs.events(day));
    }

    private void removeFromBucket(String conflict, Event e) {
        String key = dateKey(conflict, e.getDate());
        List<Event> day = Codecs.events(buckets.get(key));
        day.removeIf(x -> x.getEventId().equals(e.getEventId()));
        if (day.isEmpty()) {
            buckets.delete(key);
        } else {
            buckets.put(key, Codecs.events(day));
        }
    }

    /**
     * Re-folds every event date from {@code from} on, publishing each date's timeline record,
     * then the current records of the latest date. A date whose bucket emptied loses its
     * snapshot and gets a timeline tombstone.
     */
    private void recompute(String conflict, LocalDate from, long timestamp) {
        RipenessModel m = models.computeIfAbsent(conflict, c -> new RipenessModel(catalog.find(c).orElseThrow(), model));
        String fromKey = dateKey(conflict, from.toString());
        String endKey = dateKey(conflict, MAX_DATE);
        List<String> dates = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = buckets.range(fromKey, endKey)) {
            while (it.hasNext()) {
                dates.add(it.next().key.substring(conflict.length() + 1));
            }
        }
        // A date whose last event moved away or was retracted loses its snapshot and its timeline record.
        java.util.Set<String> present = new java.util.HashSet<>(dates);
        List<String> emptied = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = snapshots.range(fromKey, endKey)) {
            while (it.hasNext()) {
                String date = it.next().key.substring(conflict.length() + 1);
                if (!present.contains(date)) {
                    emptied.add(date);
                }
            }
        }
        for (String date : emptied) {
            String key = dateKey(conflict, date);
            snapshots.delete(key);
            tallies.delete(key);
            outputs.delete(key);
            forward(Topics.ASSESSMENT_TIMELINE, key, null, timestamp);
        }
        ConflictSnapshot previous = latestSnapshotBefore(conflict, from);
        for (String date : dates) {
            String key = dateKey(conflict, date);
            DayResult r = m.day(previous, LocalDate.parse(date), Codecs.events(buckets.get(key)),
                    d -> talliesAtOrBefore(conflict, d));
            snapshots.put(key, SnapshotCodec.encode(r.snapshot()));
            tallies.put(key, SnapshotCodec.encodeTallies(r.snapshot().battlefield));
            outputs.put(key, Codecs.outputs(r.outputs()));
            forward(Topics.ASSESSMENT_TIMELINE, key, r.outputs().assessment(), timestamp);
            previous = r.snapshot();
        }
        publishCurrent(conflict, m.conflict(), timestamp);
    }

    private void publishCurrent(String conflict, ConflictConfig config, long timestamp) {
        String last = null;
        try (KeyValueIterator<String, byte[]> it = snapshots.reverseRange(dateKey(conflict, MIN_DATE), dateKey(conflict, MAX_DATE))) {
            if (it.hasNext()) {
                last = it.next().key.substring(conflict.length() + 1);
            }
        }
        if (last == null) {
            // Every event of the conflict was retracted: its current records disappear.
            latest.delete(conflict);
            forward(Topics.ASSESSMENTS, conflict, null, timestamp);
            for (ConflictConfig.Actor a : config.actors()) {
                forward(Topics.ACTOR_DEMAND, conflict + "|" + a.code(), null, timestamp);
            }
            return;
        }
        latest.put(conflict, last.getBytes(StandardCharsets.UTF_8));
        DayOutputs o = Codecs.outputs(outputs.get(dateKey(conflict, last)));
        forward(Topics.ASSESSMENTS, conflict, o.assessment(), timestamp);
        for (ActorDemandState a : o.actors()) {
            forward(Topics.ACTOR_DEMAND, conflict + "|" + a.getActor(), a, timestamp);
        }
        for (DemandGap g : o.gaps()) {
            forward(Topics.DEMAND_GAP, conflict + "|" + g.getActorA() + "|" + g.getActorB(), g, timestamp);
        }
        for (FrontIndicators f : o.fronts()) {
            forward(Topics.FRONT_INDICATORS, conflict + "|" + f.getFront() + "|" + f.getActor(), f, timestamp);
        }
    }

    private ConflictSnapshot latestSnapshotBefore(String conflict, LocalDate date) {
        return snapshotAtOrBefore(conflict, date.minusDays(1));
    }

    private Battlefield talliesAtOrBefore(String conflict, LocalDate date) {
        try (KeyValueIterator<String, byte[]> it = tallies.reverseRange(dateKey(conflict, MIN_DATE),
                dateKey(conflict, date.toString()))) {
            return it.hasNext() ? SnapshotCodec.decodeTallies(it.next().value) : null;
        }
    }

    private ConflictSnapshot snapshotAtOrBefore(String conflict, LocalDate date) {
        try (KeyValueIterator<String, byte[]> it = snapshots.reverseRange(dateKey(conflict, MIN_DATE),
                dateKey(conflict, date.toString()))) {
            if (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                return SnapshotCodec.decode(kv.value);
            }
        }
        return null;
    }

    private void forward(String sink, String key, Object value, long timestamp) {
        context().forward(new Record<>(key, value, timestamp), sink);
    }

    private void deadLetter(Record<String, byte[]> record, String eventId, String field, String reason) {
        String origin = origin();
        byte[] original = record.value() == null ? EMPTY : record.value();
        DeadLetter letter = DeadLetter.newBuilder().setOriginal(ByteBuffer.wrap(original)).setOrigin(origin)
                .setStage("STREAMS").setEventId(eventId).setField(field).setReason(reason)
                .setRecordedAt(context().currentSystemTimeMs()).build();
        LOG.warn("dead letter {} event {}: {}", origin, eventId, reason);
        forward(Topics.DEAD_LETTERS, origin, letter, record.timestamp());
    }

    private String origin() {
        Optional<RecordMetadata> meta = context().recordMetadata();
        return meta.map(m -> "topic " + m.topic() + " partition " + m.partition() + " offset " + m.offset())
                .orElse("topic " + dev.ripeness.topics.Topics.EVENTS.name());
    }

    private static Event decode(byte[] bytes) {
        return bytes == null ? null : Codecs.EVENT.decode(bytes);
    }

    /** Names of the sink nodes this processor forwards to. */
    static final class Topics {
        static final String DEAD_LETTERS = "dead-letters-sink";
        static final String ACTOR_DEMAND = "actor-demand-sink";
        static final String DEMAND_GAP = "demand-gap-sink";
        static final String FRONT_INDICATORS = "front-indicators-sink";
        static final String ASSESSMENTS = "assessments-sink";
        static final String ASSESSMENT_TIMELINE = "assessment-timeline-sink";

        private Topics() {}
    }
}
