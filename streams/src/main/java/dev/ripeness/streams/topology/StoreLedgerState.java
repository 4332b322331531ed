package dev.ripeness.streams.topology;

import static dev.ripeness.streams.topology.StoreNames.MAX_DATE;
import static dev.ripeness.streams.topology.StoreNames.MIN_DATE;

import dev.ripeness.schema.Event;
import dev.ripeness.streams.ledger.LedgerState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The processor's ledger state in its persistent stores ({@link StoreNames#EVENTS},
 * {@link StoreNames#REFS}, {@link StoreNames#DAY_EVENTS}).
 * An event in effect is kept whole in its day row and only pointed to from its id row
 * ({@link EventRows}); whether it is in effect is known only once the ledger has moved every
 * row the event changes, so the id rows of one event are written together at its end
 * ({@link #endOfEvent}), each once.
 * It remembers the last event it was given or decoded with its bytes, so that writing that event
 * (the arriving event to both stores, or a stored one moved to another day row) encodes nothing.
 *
 * <p>Almost no event is ever named by a correction or retraction, yet every new event asks
 * which events name it. So that this costs no RocksDB iterator, it keeps the set of the targets
 * that {@code event-refs} may name: read from the store when it is built (the processor builds
 * it in {@code init}, after the task's stores are restored, so after a restart or a move to
 * another instance it is read again), and grown before every row it adds. A target not in the
 * set has no row and {@link #names} answers without a scan; the set never shrinks (a target whose
 * rows all left is scanned and found empty), so it can only hold too much, never too little. Its
 * size is the number of events named by a correction or retraction in the task's stores; past
 * {@value #MAX_NAMED} it is dropped and every look-up scans, so the heap it takes is bounded.
 */
final class StoreLedgerState implements LedgerState {

    private static final byte[] EMPTY = new byte[0];
    private static final char SEP = '\u0000';
    private static final StringSerializer KEYS = new StringSerializer();
    private static final Names NONE = new Names(List.of(), List.of());

    private final KeyValueStore<String, byte[]> events;
    private final KeyValueStore<String, byte[]> refs;
    private final KeyValueStore<String, byte[]> dayEvents;
    /** Named targets kept at most (a few MB of ids per task): past it, every look-up scans. */
    static final int MAX_NAMED = 50_000;

    private final int maxNamed;
    /** Every target of a row of {@code refs}, and perhaps some whose rows have gone; null once past {@link #maxNamed}. */
    private Set<String> named = new HashSet<>();
    private Event last;
    private byte[] lastBytes;
    /** The id rows this event changes, written at its end: eventId → the event, and the conflict it is in effect in (null: kept whole). */
    private final Map<String, IdRow> pending = new HashMap<>();

    private record IdRow(Event event, String inEffectIn) {}

    /** Reads the targets named in {@code refs} (one scan of the store). */
    StoreLedgerState(KeyValueStore<String, byte[]> events, KeyValueStore<String, byte[]> refs,
                     KeyValueStore<String, byte[]> dayEvents) {
        this(events, refs, dayEvents, MAX_NAMED);
    }

    StoreLedgerState(KeyValueStore<String, byte[]> events, KeyValueStore<String, byte[]> refs,
                     KeyValueStore<String, byte[]> dayEvents, int maxNamed) {
        this.events = events;
        this.refs = refs;
        this.dayEvents = dayEvents;
        this.maxNamed = maxNamed;
        try (KeyValueIterator<String, byte[]> it = refs.all()) {
            while (it.hasNext() && named != null) {
                String key = it.next().key;
                addNamed(key.substring(0, key.indexOf(SEP)));
            }
        }
    }

    private void addNamed(String target) {
        if (named != null && named.add(target) && named.size() > maxNamed) {
            named = null;
        }
    }

    @Override
    public Event event(String eventId) {
        IdRow row = pending.get(eventId);
        if (row != null) {
            return row.event();
        }
        byte[] stored = events.get(eventId);
        if (stored != null && EventRows.isPointer(stored)) {
            String key = EventRows.dayEventKey(stored, eventId);
            stored = dayEvents.get(key);
            if (stored == null) {
                throw new IllegalStateException("events-by-id points event " + eventId + " to day-events row " + key
                        + ", which is missing: the task's stores disagree");
            }
        }
        return remember(stored);
    }

    @Override
    public void putEvent(Event event) {
        pending.put(event.getEventId(), new IdRow(event, null));
    }

    @Override
    public Names names(String target) {
        if (named != null && !named.contains(target)) {
            return NONE;
        }
        List<String> corrections = new ArrayList<>();
        List<String> retractions = new ArrayList<>();
        String prefix = target + SEP;
        // One prefix scan for both kinds: keys sort by kind, then eventId.
        try (KeyValueIterator<String, byte[]> it = refs.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                String key = it.next().key;
                char kind = key.charAt(prefix.length());
                String id = key.substring(prefix.length() + 2);
                if (kind == 'C') {
                    corrections.add(id);
                } else if (kind == 'R') {
                    retractions.add(id);
                }
            }
        }
        return new Names(corrections, retractions);
    }

    @Override
    public void setName(String target, Reference kind, String eventId, boolean present) {
        String key = target + SEP + (kind == Reference.CORRECTS ? 'C' : 'R') + SEP + eventId;
        if (present) {
            addNamed(target);
            refs.put(key, EMPTY);
        } else {
            refs.delete(key);
        }
    }

    @Override
    public void leaveDay(String conflict, Event event) {
        dayEvents.delete(StoreNames.dayEventKey(conflict, event.getDate(), event.getEventId()));
        // Out of effect it is kept whole, unless this event already wrote its id (a new version, or in effect again).
        pending.putIfAbsent(event.getEventId(), new IdRow(event, null));
    }

    @Override
    public void joinDay(String conflict, Event event) {
        dayEvents.put(StoreNames.dayEventKey(conflict, event.getDate(), event.getEventId()), bytes(event));
        pending.put(event.getEventId(), new IdRow(event, conflict));
    }

    @Override
    public void endOfEvent() {
        try {
            for (Map.Entry<String, IdRow> e : pending.entrySet()) {
                IdRow row = e.getValue();
                events.put(e.getKey(), row.inEffectIn() == null ? bytes(row.event())
                        : EventRows.pointer(row.inEffectIn(), row.event().getDate()));
            }
        } finally {
            pending.clear(); // a failed write must not leak into the next event
        }
    }

    @Override
    public List<Event> effectiveEvents(String conflict) {
        List<Event> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = effectiveRows(conflict, MIN_DATE)) {
            it.forEachRemaining(kv -> out.add(Codecs.event(kv.value)));
        }
        return out;
    }

    /**
     * The rows of the conflict's events in effect from {@code fromDate} on ({@link StoreNames#dayEventKey}
     * keys, encoded events), by date then eventId: what a fold reads.
     */
    KeyValueIterator<String, byte[]> effectiveRows(String conflict, String fromDate) {
        return dayEvents.range(StoreNames.dateKey(conflict, fromDate), StoreNames.dateKey(conflict, MAX_DATE));
    }

    /**
     * The event the ledger is about to be given and its record's bytes: when they were written with
     * the current schema the stores keep them as they came, else the event is encoded again.
     */
    void arriving(Event event, byte[] record) {
        if (Codecs.currentEventEncoding(record)) {
            last = event;
            lastBytes = record;
        }
    }

    /** The encoding of {@code event}, encoded once while it is the last event seen. */
    private byte[] bytes(Event event) {
        if (event != last) {
            last = event;
            lastBytes = Codecs.EVENT.encode(event);
        }
        return lastBytes;
    }

    private Event remember(byte[] stored) {
        if (stored == null) {
            return null;
        }
        last = Codecs.event(stored);
        lastBytes = stored;
        return last;
    }
}
