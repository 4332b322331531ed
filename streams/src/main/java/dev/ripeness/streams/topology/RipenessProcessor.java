package dev.ripeness.streams.topology;

import static dev.ripeness.streams.topology.StoreNames.MAX_DATE;
import static dev.ripeness.streams.topology.StoreNames.MIN_DATE;
import static dev.ripeness.streams.topology.StoreNames.dateKey;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.event.EventFields;
import dev.ripeness.event.Violation;
import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.DeadLetter;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.streams.ledger.EventLedger;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
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
 * <p>Per event (about the work of any stateful step): decode; the {@link EventLedger}'s rules
 * over this task's stores (door check, idempotency by eventId, what is now in effect for the
 * event it concerns — order-independent, see docs/streams.md — moved between rows of the
 * day-events store), a refusal becoming a dead letter; mark the conflict dirty from the
 * earliest date it touched. No fold and no output per event.
 *
 * <p>Per fold (a wall-clock punctuation every {@value PipelineTopology#FOLD_INTERVAL_CONFIG}, scheduled only
 * while something is dirty): each dirty conflict is re-folded once, from the snapshot before
 * its dirty date through its latest date, and only records whose value changed are sent. An
 * in-order burst folds each date once per fold, not once per event; a late event costs the
 * dates it changes, and the sinks see only the keys that really changed.
 */
final class RipenessProcessor extends ContextualProcessor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(RipenessProcessor.class);
    private static final byte[] EMPTY = new byte[0];
    private static final char SEP = '\u0000';
    private static final int DATE_LENGTH = MIN_DATE.length();

    private final ConflictCatalog catalog;
    private final ModelConfig model;
    /** Days back the fold looks for a window's start: how much of a pass {@link PassTallies} keeps. */
    private final int longestWindow;
    private final Predicate<Event> accept;
    private final Map<String, RipenessModel> models = new HashMap<>();

    /** The event-sourcing rules, over the events, refs and day-events stores ({@link #ledgerState}). */
    private EventLedger ledger;
    private StoreLedgerState ledgerState;
    private KeyValueStore<String, byte[]> snapshots;
    private KeyValueStore<String, byte[]> tallies;
    private KeyValueStore<String, byte[]> outputs;
    private KeyValueStore<String, byte[]> latest;
    private KeyValueStore<String, byte[]> dirty;
    /**
     * The rows of {@link #dirty}, read in {@link #init} (after the task's stores are restored) and
     * written through with every put and delete: an event's mark needs no store read.
     */
    private final Map<String, Dirty> marks = new HashMap<>();
    private Duration foldInterval;
    private Cancellable scheduled;
    /** Wall-clock ms before which the next fold should not run: a costly fold is followed by a longer wait. */
    private long nextFoldAt;

    /** Calendar days per checkpoint block: a snapshot is kept for the last event date of each block (and the latest two dates). */
    static final int CHECKPOINT_DAYS = 16;
    /** After a fold that took T re-folding dates folded before, the next one waits at least T ... */
    static final long MAX_FOLD_DELAY_MS = 10_000;
    /** ... at most this long. Counts of one fold: dates folded, and of those dates that had been folded before. */
    private long datesFolded;
    private long datesRefolded;
    /**
     * A record is backlog when it was appended to the log more than this long before it is
     * processed: the pipeline is catching up (a restart, a replay, a late batch fed while it was
     * stopped) rather than following live input, whose records are processed within the commit
     * interval or so.
     */
    static final long BACKLOG_MS = 1_000;
    /**
     * While backlog keeps arriving, folds wait for it to stop (no record for this long) ...
     */
    static final long CATCH_UP_QUIET_MS = 500;
    /**
     * ... but at most this long, or as long as the last fold spent re-folding dates folded before
     * (so that re-folding takes at most about half of a catch-up), so that a long catch-up still
     * publishes as it goes and the work of a fold of new dates stays bounded. One fold after a
     * burst of late events re-folds and re-sends each later date once, instead of once per fold
     * interval.
     */
    static final long MAX_CATCH_UP_DEFER_MS = 5_000;
    /** Wall-clock ms the last fold spent re-folding dates folded before. */
    private long lastRefoldMs;
    /** Wall clock of the last record processed, whether it was backlog, and since when folds wait for a catch-up (-1: not waiting). */
    private long lastRecordAt;
    private boolean lastRecordBacklog;
    private long deferringSince = -1;
    /** Records forwarded so far: a fold that sent any asks for a commit (see {@link #foldDirty}). */
    private long forwarded;

    RipenessProcessor(ConflictCatalog catalog, ModelConfig model) {
        this(catalog, model, event -> true);
    }

    /** {@code accept}: side runs leave out the events it refuses (see PipelineTopology#build). */
    RipenessProcessor(ConflictCatalog catalog, ModelConfig model, Predicate<Event> accept) {
        this.catalog = catalog;
        this.model = model;
        this.longestWindow = java.util.Collections.max(model.lookupWindows());
        this.accept = accept;
    }

    @Override
    public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, byte[]> context) {
        super.init(context);
        ledgerState = new StoreLedgerState(context.getStateStore(StoreNames.EVENTS),
                context.getStateStore(StoreNames.REFS), context.getStateStore(StoreNames.DAY_EVENTS));
        ledger = EventLedger.over(catalog, ledgerState);
        snapshots = context.getStateStore(StoreNames.SNAPSHOTS);
        tallies = context.getStateStore(StoreNames.TALLIES);
        outputs = context.getStateStore(StoreNames.OUTPUTS);
        latest = context.getStateStore(StoreNames.LATEST);
        dirty = context.getStateStore(StoreNames.DIRTY);
        foldInterval = Duration.ofMillis(foldIntervalMs(context.appConfigs()));
        scheduled = null;
        marks.clear();
        try (KeyValueIterator<String, byte[]> it = dirty.all()) {
            it.forEachRemaining(kv -> marks.put(kv.key, Dirty.parse(kv.value)));
        }
        if (!marks.isEmpty()) {
            scheduleFold(); // marks left by a crash or a move between a commit and its fold
        }
    }

    @Override
    public void close() {
        if (scheduled != null) {
            scheduled.cancel();
            scheduled = null;
        }
    }

    /** {@value PipelineTopology#FOLD_INTERVAL_CONFIG} from the application's config, else {@value PipelineTopology#DEFAULT_FOLD_INTERVAL_MS}. */
    static long foldIntervalMs(Map<String, Object> config) {
        Object v = config.get(PipelineTopology.FOLD_INTERVAL_CONFIG);
        long ms = v == null ? PipelineTopology.DEFAULT_FOLD_INTERVAL_MS : Long.parseLong(v.toString());
        if (ms < 1) {
            throw new IllegalArgumentException(PipelineTopology.FOLD_INTERVAL_CONFIG + " must be at least 1 ms, was " + ms);
        }
        return ms;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        lastRecordAt = context().currentSystemTimeMs();
        lastRecordBacklog = lastRecordAt - record.timestamp() > BACKLOG_MS;
        Event event;
        try {
            event = Codecs.event(record.value());
        } catch (RuntimeException e) {
            deadLetter(record, null, null, record.value() == null
                    ? "empty record (tombstone): the event log never deletes; send a retraction event instead"
                    : "not an Avro single-object encoded Event (" + e.getMessage()
                    + "); produce events with the project's AvroSerde or through `ripeness produce`");
            return;
        }
        if (!accept.test(event)) {
            return; // a side run that leaves this event out: as if it were not in the log
        }
        Optional<Violation> problem = ledger.check(event);
        if (problem.isPresent()) {
            deadLetter(record, event.getEventId(), problem.get().field(), problem.get().message());
            return;
        }
        if (!event.getConflict().equals(record.key())) {
            deadLetter(record, event.getEventId(), EventFields.CONFLICT, "record key `" + record.key()
                    + "` differs from the event's conflict `" + event.getConflict()
                    + "`; key events by their conflict id so that one conflict stays on one partition");
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

    /** The ledger's verdict on an event that passed the door: a dead letter, nothing, or a dirty mark. */
    private void accept(Record<String, byte[]> record, Event event) {
        ledgerState.arriving(event, record.value());
        EventLedger.Outcome outcome = ledger.acceptChecked(event);
        if (outcome instanceof EventLedger.Refused r) {
            deadLetter(record, event.getEventId(), r.violation().field(), r.violation().message());
        } else if (outcome instanceof EventLedger.Changed c) {
            markDirty(c.conflict(), c.from().toString(), record.timestamp());
        }
    }

    /**
     * Marks the conflict dirty from {@code date} on (the earliest date any event since the last
     * fold touched) and makes sure a fold is scheduled. The mark is a store row, so a crash
     * between commit and fold loses nothing: {@link #init} schedules the fold again.
     */
    private void markDirty(String conflict, String date, long timestamp) {
        Dirty before = marks.get(conflict);
        Dirty now = before == null ? new Dirty(date, timestamp) : before.widen(date, timestamp);
        if (!now.equals(before)) {
            dirty.put(conflict, now.bytes());
            marks.put(conflict, now);
        }
        scheduleFold();
    }

    private void scheduleFold() {
        if (scheduled == null) {
            long wait = Math.max(foldInterval.toMillis(), nextFoldAt - context().currentSystemTimeMs());
            scheduled = context().schedule(Duration.ofMillis(wait), PunctuationType.WALL_CLOCK_TIME, this::foldDirty);
        }
    }

    /**
     * The punctuation: folds every dirty conflict once from its dirty date, emits what changed,
     * clears the marks and unschedules itself (an idle pipeline neither folds nor commits).
     * When the fold re-folded dates folded before (late events, corrections), the next one
     * waits as long as that part of the fold took (at most {@value #MAX_FOLD_DELAY_MS} ms): a
     * burst of late events is then absorbed by a few folds — the dates after it re-folded and
     * re-sent a few times, not once per fold interval — and re-folding takes at most about half
     * the thread's time. In-order folds (new dates) never wait longer than the interval.
     */
    private void foldDirty(long now) {
        if (catchingUp(now)) {
            return; // the punctuation stays scheduled and asks again one period later
        }
        deferringSince = -1;
        long started = System.nanoTime();
        long forwardedBefore = forwarded;
        datesFolded = 0;
        datesRefolded = 0;
        List<KeyValue<String, byte[]>> work = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = dirty.all()) {
            it.forEachRemaining(work::add);
        }
        for (KeyValue<String, byte[]> kv : work) {
            Dirty d = Dirty.parse(kv.value);
            try {
                refold(kv.key, LocalDate.parse(d.date()), d.timestamp());
            } catch (RuntimeException e) {
                // A bug must not stop every conflict: say which fold failed and go on.
                LOG.error("folding conflict {} from {} failed", kv.key, d.date(), e);
                DeadLetter letter = DeadLetter.newBuilder().setOriginal(ByteBuffer.wrap(EMPTY))
                        .setOrigin("fold of conflict " + kv.key + " from " + d.date()).setStage("STREAMS")
                        .setReason("internal error while folding the conflict (" + e + "); report it with this record; "
                                + "the pipeline carried on, the conflict's state after " + d.date() + " may be stale")
                        .setRecordedAt(context().currentSystemTimeMs()).build();
                context().forward(new Record<>(letter.getOrigin(), Codecs.DEAD_LETTER.encode(letter), d.timestamp()),
                        Topics.DEAD_LETTERS);
            }
            dirty.delete(kv.key);
            marks.remove(kv.key);
        }
        long refoldMs = (System.nanoTime() - started) / 1_000_000 * datesRefolded / Math.max(1, datesFolded);
        nextFoldAt = context().currentSystemTimeMs() + Math.min(MAX_FOLD_DELAY_MS, refoldMs);
        lastRefoldMs = refoldMs;
        if (forwarded > forwardedBefore) {
            // Under exactly-once the changes are visible only once committed: ask for the commit
            // now rather than wait up to a whole commit interval (half of live latency otherwise).
            context().commit();
        }
        if (scheduled != null) {
            scheduled.cancel();
            scheduled = null;
        }
    }

    /**
     * Whether this fold should wait: the last record was backlog and arrived less than
     * {@value #CATCH_UP_QUIET_MS} ms ago, and folds have not yet waited
     * {@value #MAX_CATCH_UP_DEFER_MS} ms (or the last fold's re-folding time, when longer). Live input (records younger than {@value #BACKLOG_MS}
     * ms) never waits, so it keeps its latency.
     */
    private boolean catchingUp(long now) {
        if (!lastRecordBacklog || now - lastRecordAt >= CATCH_UP_QUIET_MS) {
            return false;
        }
        if (deferringSince < 0) {
            deferringSince = now;
        }
        return now - deferringSince < Math.max(MAX_CATCH_UP_DEFER_MS, lastRefoldMs);
    }

    /**
     * Re-folds every event date of the conflict from {@code from} on, in date order, from the
     * snapshot of the latest date before it. A state record is sent only when its value
     * changed: a date's timeline record when its assessment differs from the stored one, the
     * current records (assessment, actors, gaps, fronts of the latest date) when they differ
     * from those of the latest date before the fold. A date whose events all left loses its
     * snapshot, tallies and outputs and gets a timeline tombstone.
     */
    private void refold(String conflict, LocalDate from, long timestamp) {
        RipenessModel m = models.computeIfAbsent(conflict, c -> new RipenessModel(catalog.find(c).orElseThrow(), model));
        String fromKey = dateKey(conflict, from.toString());
        String endKey = dateKey(conflict, MAX_DATE);
        byte[] latestBefore = latest.get(conflict);
        DayOutputs current = latestBefore == null ? null
                : Codecs.outputs(outputs.get(dateKey(conflict, new String(latestBefore, StandardCharsets.UTF_8))));
        // Dates that had events from `from` on; those still present are folded below, the rest
        // emptied — removed as soon as the fold passes them, so that no window look-up sees them.
        java.util.TreeSet<String> emptied = new java.util.TreeSet<>();
        try (KeyValueIterator<String, byte[]> it = tallies.range(fromKey, endKey)) {
            it.forEachRemaining(kv -> emptied.add(kv.key.substring(conflict.length() + 1)));
        }
        // Start from the latest checkpoint before `from` (cp); cp0 is the one before it. Dates
        // between cp and `from` are folded again to rebuild the state; their values do not change.
        String cp = null;
        String cp0 = null;
        ConflictSnapshot previous = null;
        try (KeyValueIterator<String, byte[]> it = snapshots.reverseRange(dateKey(conflict, MIN_DATE),
                dateKey(conflict, from.minusDays(1).toString()))) {
            if (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                cp = kv.key.substring(conflict.length() + 1);
                previous = SnapshotCodec.decode(kv.value);
                if (it.hasNext()) {
                    cp0 = it.next().key.substring(conflict.length() + 1);
                }
            }
        }
        String startDate = cp == null ? MIN_DATE : LocalDate.parse(cp).plusDays(1).toString();
        String startKey = dateKey(conflict, startDate);
        Set<String> checkpointsAfter = new HashSet<>();
        try (KeyValueIterator<String, byte[]> it = snapshots.range(startKey, endKey)) {
            it.forEachRemaining(kv -> checkpointsAfter.add(kv.key.substring(conflict.length() + 1)));
        }
        // Every date folded, in order, after the existing checkpoints cp0 and cp (when present).
        List<String> sequence = new ArrayList<>();
        if (cp0 != null) {
            sequence.add(cp0);
        }
        if (cp != null) {
            sequence.add(cp);
        }
        int existing = sequence.size();
        String lastDate = null;
        DayOutputs last = null;
        String date = null;
        // The last two folded dates and their snapshots: a date's checkpoint is decided once it
        // is known not to be among the conflict's last two dates (those are always kept).
        java.util.ArrayDeque<KeyValue<String, ConflictSnapshot>> held = new java.util.ArrayDeque<>();
        PassTallies pass = new PassTallies(startDate, longestWindow, d -> talliesAtOrBefore(conflict, d));
        List<Event> day = new ArrayList<>();
        int datePart = conflict.length() + 1;
        try (KeyValueIterator<String, byte[]> it = ledgerState.effectiveRows(conflict, startDate)) {
            while (true) {
                KeyValue<String, byte[]> kv = it.hasNext() ? it.next() : null;
                String d = kv == null ? null : kv.key.substring(datePart, datePart + DATE_LENGTH);
                if (date != null && !date.equals(d)) {
                    while (!emptied.isEmpty() && emptied.first().compareTo(date) < 0) {
                        removeDate(conflict, emptied.pollFirst(), timestamp);
                    }
                    emptied.remove(date);
                    DayResult r = foldDate(m, conflict, date, day, previous, pass, timestamp);
                    if (held.size() == 2) {
                        KeyValue<String, ConflictSnapshot> oldest = held.removeFirst();
                        keepCheckpoint(conflict, oldest.key, held.getFirst().key, oldest.value, checkpointsAfter);
                    }
                    held.addLast(KeyValue.pair(date, r.snapshot()));
                    previous = r.snapshot();
                    sequence.add(date);
                    lastDate = date;
                    last = r.outputs();
                    day = new ArrayList<>();
                }
                if (kv == null) {
                    break;
                }
                date = d;
                day.add(Codecs.event(kv.value));
            }
        }
        for (KeyValue<String, ConflictSnapshot> kept : held) { // the last two dates: always kept
            snapshots.put(dateKey(conflict, kept.key), SnapshotCodec.encode(kept.value));
            checkpointsAfter.remove(kept.key);
        }
        if (!held.isEmpty()) {
            // The checkpoints the fold started from stay only if they end their block or are among the last two dates.
            for (int i = 0; i < existing; i++) {
                if (i < sequence.size() - 2 && sameBlock(sequence.get(i), sequence.get(i + 1))) {
                    snapshots.delete(dateKey(conflict, sequence.get(i)));
                }
            }
        }
        for (String stale : checkpointsAfter) {
            snapshots.delete(dateKey(conflict, stale));
        }
        for (String gone : emptied) {
            removeDate(conflict, gone, timestamp);
        }
        if (lastDate == null) {
            // Nothing from `from` on: the latest date (if any) is the last one before it.
            try (KeyValueIterator<String, byte[]> it = tallies.reverseRange(dateKey(conflict, MIN_DATE),
                    dateKey(conflict, from.minusDays(1).toString()))) {
                if (it.hasNext()) {
                    lastDate = it.next().key.substring(datePart);
                    last = Codecs.outputs(outputs.get(dateKey(conflict, lastDate)));
                }
            }
        }
        if (lastDate == null) {
            latest.delete(conflict);
        } else {
            latest.put(conflict, lastDate.getBytes(StandardCharsets.UTF_8));
        }
        publishChanges(conflict, current, last, timestamp);
    }

    /** A date whose events all left: its tallies and outputs go, its timeline record gets a tombstone. */
    private void removeDate(String conflict, String date, long timestamp) {
        String key = dateKey(conflict, date);
        tallies.delete(key);
        outputs.delete(key);
        forward(Topics.ASSESSMENT_TIMELINE, key, null, timestamp);
    }

    /**
     * Writes the snapshot of {@code date} (folded just before {@code next}) when it is a
     * checkpoint — the last event date of its {@value #CHECKPOINT_DAYS}-day block (the conflict's
     * last two dates are kept by the caller) — and removes
     * a stale one otherwise. A re-fold starts from the latest checkpoint before the earliest
     * date it must change, so it re-folds at most a block of dates it does not change, and a
     * long history keeps one ~17 KB snapshot per block instead of one per date.
     */
    private void keepCheckpoint(String conflict, String date, String next, ConflictSnapshot snapshot, Set<String> existing) {
        String key = dateKey(conflict, date);
        if (!sameBlock(date, next)) {
            snapshots.put(key, SnapshotCodec.encode(snapshot));
            existing.remove(date);
        } else if (existing.remove(date)) {
            snapshots.delete(key);
        }
    }

    private static boolean sameBlock(String a, String b) {
        return Math.floorDiv(LocalDate.parse(a).toEpochDay(), CHECKPOINT_DAYS)
                == Math.floorDiv(LocalDate.parse(b).toEpochDay(), CHECKPOINT_DAYS);
    }

    /** Folds one date; writes its tallies and outputs; sends its timeline record if the assessment changed. */
    private DayResult foldDate(RipenessModel m, String conflict, String date, List<Event> events, ConflictSnapshot previous,
                               PassTallies pass, long timestamp) {
        String key = dateKey(conflict, date);
        DayResult r = m.day(previous, LocalDate.parse(date), events, pass);
        byte[] talliesNow = SnapshotCodec.encodeTallies(r.snapshot().battlefield);
        if (!Arrays.equals(talliesNow, tallies.get(key))) {
            tallies.put(key, talliesNow);
        }
        pass.folded(date, talliesNow);
        byte[] outputsNow = Codecs.outputs(r.outputs());
        byte[] outputsBefore = outputs.get(key);
        datesFolded++;
        if (outputsBefore != null) {
            datesRefolded++;
        }
        if (!Arrays.equals(outputsNow, outputsBefore)) {
            outputs.put(key, outputsNow);
            byte[] timeline = Codecs.changedTimelineRecord(outputsBefore, outputsNow, r.outputs().assessment());
            if (timeline != null) {
                forward(Topics.ASSESSMENT_TIMELINE, key, timeline, timestamp);
            }
        }
        return r;
    }

    /**
     * Sends the current records that differ between the latest date's outputs before the fold
     * ({@code before}) and after it ({@code after}); a key that disappeared gets a tombstone.
     */
    private void publishChanges(String conflict, DayOutputs before, DayOutputs after, long timestamp) {
        Map<String, Object> was = currentRecords(conflict, before);
        Map<String, Object> now = currentRecords(conflict, after);
        for (Map.Entry<String, Object> e : now.entrySet()) {
            if (!Objects.equals(e.getValue(), was.get(e.getKey()))) {
                forward(sinkOf(e.getValue()), key(e.getKey()), Codecs.encodeRecord(e.getValue()), timestamp);
            }
        }
        for (Map.Entry<String, Object> e : was.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                forward(sinkOf(e.getValue()), key(e.getKey()), null, timestamp);
            }
        }
    }

    /** Sink node + NUL + key of every current record of a date's outputs. */
    private static Map<String, Object> currentRecords(String conflict, DayOutputs o) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (o == null) {
            return out;
        }
        out.put(Topics.ASSESSMENTS + SEP + conflict, o.assessment());
        for (ActorDemandState a : o.actors()) {
            out.put(Topics.ACTOR_DEMAND + SEP + conflict + "|" + a.getActor(), a);
        }
        for (DemandGap g : o.gaps()) {
            out.put(Topics.DEMAND_GAP + SEP + conflict + "|" + g.getActorA() + "|" + g.getActorB(), g);
        }
        for (FrontIndicators f : o.fronts()) {
            out.put(Topics.FRONT_INDICATORS + SEP + conflict + "|" + f.getFront() + "|" + f.getActor(), f);
        }
        return out;
    }

    private static String sinkOf(Object record) {
        return record instanceof ActorDemandState ? Topics.ACTOR_DEMAND
                : record instanceof DemandGap ? Topics.DEMAND_GAP
                : record instanceof FrontIndicators ? Topics.FRONT_INDICATORS : Topics.ASSESSMENTS;
    }

    private static String key(String sinkAndKey) {
        return sinkAndKey.substring(sinkAndKey.indexOf(SEP) + 1);
    }

    /** The stored tallies at the latest date on or before {@code date}, or null (what {@link PassTallies} falls back on). */
    private Battlefield talliesAtOrBefore(String conflict, LocalDate date) {
        try (KeyValueIterator<String, byte[]> it = tallies.reverseRange(dateKey(conflict, MIN_DATE),
                dateKey(conflict, date.toString()))) {
            return it.hasNext() ? SnapshotCodec.decodeTallies(it.next().value) : null;
        }
    }

    private void forward(String sink, String key, byte[] value, long timestamp) {
        context().forward(new Record<>(key, value, timestamp), sink);
        forwarded++;
    }

    private void deadLetter(Record<String, byte[]> record, String eventId, String field, String reason) {
        String origin = origin();
        byte[] original = record.value() == null ? EMPTY : record.value();
        DeadLetter letter = DeadLetter.newBuilder().setOriginal(ByteBuffer.wrap(original)).setOrigin(origin)
                .setStage("STREAMS").setEventId(eventId).setField(field).setReason(reason)
                .setRecordedAt(context().currentSystemTimeMs()).build();
        LOG.warn("dead letter {} event {}: {}", origin, eventId, reason);
        forward(Topics.DEAD_LETTERS, origin, Codecs.DEAD_LETTER.encode(letter), record.timestamp());
    }

    private String origin() {
        Optional<RecordMetadata> meta = context().recordMetadata();
        return meta.map(m -> "topic " + m.topic() + " partition " + m.partition() + " offset " + m.offset())
                .orElse("topic " + dev.ripeness.topics.Topics.EVENTS.name());
    }

    /**
     * Names of the sink nodes this processor forwards to, derived from the topic catalog
     * ({@code dev.ripeness.topics.Topics}) the way {@link PipelineTopology} names its sinks.
     */
    static final class Topics {
        static final String DEAD_LETTERS = PipelineTopology.sinkNode(dev.ripeness.topics.Topics.DEAD_LETTERS);
        static final String ACTOR_DEMAND = PipelineTopology.sinkNode(dev.ripeness.topics.Topics.ACTOR_DEMAND);
        static final String DEMAND_GAP = PipelineTopology.sinkNode(dev.ripeness.topics.Topics.DEMAND_GAP);
        static final String FRONT_INDICATORS = PipelineTopology.sinkNode(dev.ripeness.topics.Topics.FRONT_INDICATORS);
        static final String ASSESSMENTS = PipelineTopology.sinkNode(dev.ripeness.topics.Topics.ASSESSMENTS);
        static final String ASSESSMENT_TIMELINE = PipelineTopology.sinkNode(dev.ripeness.topics.Topics.ASSESSMENT_TIMELINE);

        private Topics() {}
    }

    /** A dirty mark: the earliest date to re-fold from, and the latest record timestamp among the events since the last fold. */
    record Dirty(String date, long timestamp) {
        static Dirty parse(byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            String s = new String(bytes, StandardCharsets.UTF_8);
            return new Dirty(s.substring(0, DATE_LENGTH), Long.parseLong(s.substring(DATE_LENGTH + 1)));
        }

        Dirty widen(String other, long at) {
            return new Dirty(other.compareTo(date) < 0 ? other : date, Math.max(timestamp, at));
        }

        byte[] bytes() {
            return (date + " " + timestamp).getBytes(StandardCharsets.UTF_8);
        }
    }
}
