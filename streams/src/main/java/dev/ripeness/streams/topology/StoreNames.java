package dev.ripeness.streams.topology;

/**
 * The pipeline's state stores. Each is a persistent (RocksDB) key-value store of bytes with
 * a changelog topic {@code <application.id>-<name>-changelog}; renaming one loses its
 * changelog, so these names are part of the contract.
 */
public final class StoreNames {

    private StoreNames() {}

    /** eventId → Event (Avro): every accepted event, for idempotency and correction look-ups. */
    public static final String EVENTS = "events-by-id";
    /** {@code target\0kind\0eventId} → empty: corrections (C) and retractions (R) naming an event. */
    public static final String REFS = "event-refs";
    /** subject eventId → Event (Avro): the content now in effect for an original event. */
    public static final String EFFECTIVE = "effective-events";
    /** {@code conflict|YYYY-MM-DD} → Event list: the effective events of one day, sorted by eventId. */
    public static final String BUCKETS = "daily-buckets";
    /** {@code conflict|YYYY-MM-DD} → snapshot JSON: model state at the end of that event date. */
    public static final String SNAPSHOTS = "conflict-snapshots";
    /** {@code conflict|YYYY-MM-DD} → battlefield tallies JSON at the end of that date: where rolling windows start. */
    public static final String TALLIES = "conflict-tallies";
    /** {@code conflict|YYYY-MM-DD} → every record published for that date (what as-of queries read). */
    public static final String OUTPUTS = "day-outputs";
    /** conflict → latest event date (UTF-8). */
    public static final String LATEST = "conflict-latest";

    /** Smallest and largest date key part, to bound range scans within one conflict. */
    public static final String MIN_DATE = "0000-00-00";
    public static final String MAX_DATE = "9999-99-99";

    /** Store key of a conflict's date. */
    public static String dateKey(String conflict, String date) {
        return conflict + "|" + date;
    }
}
