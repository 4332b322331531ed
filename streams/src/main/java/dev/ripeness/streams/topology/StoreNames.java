package dev.ripeness.streams.topology;

/**
 * The pipeline's state stores (all in {@link #ALL}). Each is a persistent (RocksDB) key-value store of bytes with
 * a changelog topic {@code <application.id>-<name>-changelog}; renaming one loses its
 * changelog, so these names are part of the contract.
 */
public final class StoreNames {

    private StoreNames() {}

    /** eventId → every accepted event, for idempotency and correction look-ups: whole (Avro), or a pointer to its day-events row while it is in effect ({@link EventRows}). */
    public static final String EVENTS = "events-by-id";
    /** {@code target\0kind\0eventId} → empty: corrections (C) and retractions (R) naming an event. */
    public static final String REFS = "event-refs";
    /** {@code conflict|YYYY-MM-DD|eventId} → Event (Avro): the effective events, one row each, in date then eventId order. */
    public static final String DAY_EVENTS = "day-events";
    /** conflict → {@code YYYY-MM-DD timestamp}: the earliest date to re-fold at the next fold, the latest record time. */
    public static final String DIRTY = "dirty-conflicts";
    /** {@code conflict|YYYY-MM-DD} → snapshot (binary, SnapshotCodec): model state at the end of that event date. */
    public static final String SNAPSHOTS = "conflict-snapshots";
    /** {@code conflict|YYYY-MM-DD} → battlefield tallies (binary) at the end of that date: where rolling windows start. */
    public static final String TALLIES = "conflict-tallies";
    /** {@code conflict|YYYY-MM-DD} → every record published for that date (what as-of queries read). */
    public static final String OUTPUTS = "day-outputs";
    /** conflict → latest event date (UTF-8). */
    public static final String LATEST = "conflict-latest";

    /** Every store, in the order the topology adds them. */
    public static final java.util.List<String> ALL = java.util.List.of(EVENTS, REFS, DAY_EVENTS, SNAPSHOTS,
            TALLIES, OUTPUTS, LATEST, DIRTY);

    /** Stores whose keys are written about once each (an event's id, an event's row): no record cache. */
    static final java.util.Set<String> ONE_WRITE_PER_KEY = java.util.Set.of(EVENTS, REFS, DAY_EVENTS);

    /** Smallest and largest date key part, to bound range scans within one conflict. */
    public static final String MIN_DATE = "0000-00-00";
    public static final String MAX_DATE = "9999-99-99";

    /** Store key of one effective event of a conflict's date. */
    public static String dayEventKey(String conflict, String date, String eventId) {
        return dayEventKey(dateKey(conflict, date), eventId);
    }

    /** Store key of one effective event under its date's {@link #dateKey}. */
    public static String dayEventKey(String dateKey, String eventId) {
        return dateKey + "|" + eventId;
    }

    /** Store key of a conflict's date. */
    public static String dateKey(String conflict, String date) {
        return conflict + "|" + date;
    }
}
