package dev.ripeness.streams.topology;

import java.nio.charset.StandardCharsets;

/**
 * How a row of {@link StoreNames#EVENTS} holds its event. An event in effect already has its
 * whole encoding in its {@link StoreNames#DAY_EVENTS} row, so its id row only points there:
 * a zero byte, then the UTF-8 {@link StoreNames#dateKey} of that row. Any other event (a
 * retracted original, a correction that another replaced, an event whose original is unknown)
 * is kept whole, Avro single-object encoded, whose first byte is never zero. A new event thus
 * writes its ~300 bytes once instead of twice (to RocksDB and to a changelog each), and rows
 * written whole by older releases are still read as they are.
 */
public final class EventRows {

    private static final byte POINTER = 0;

    private EventRows() {}

    /** The id row of an event in effect in {@code conflict} on {@code date}. */
    static byte[] pointer(String conflict, String date) {
        byte[] key = StoreNames.dateKey(conflict, date).getBytes(StandardCharsets.UTF_8);
        byte[] row = new byte[key.length + 1];
        row[0] = POINTER;
        System.arraycopy(key, 0, row, 1, key.length);
        return row;
    }

    /** Whether an id row points to a day-events row rather than holding the event. */
    public static boolean isPointer(byte[] row) {
        return row.length > 0 && row[0] == POINTER;
    }

    /** The day-events key that the pointer {@code row} of {@code eventId} names. */
    public static String dayEventKey(byte[] row, String eventId) {
        return StoreNames.dayEventKey(new String(row, 1, row.length - 1, StandardCharsets.UTF_8), eventId);
    }
}
