package dev.ripeness.streams.ripeness;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON bytes of a {@link ConflictSnapshot}: sorted maps and fields, so equal snapshots give equal bytes. */
public final class SnapshotCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);

    private SnapshotCodec() {}

    public static byte[] encode(ConflictSnapshot s) {
        try {
            return JSON.writeValueAsBytes(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConflictSnapshot decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return JSON.readValue(bytes, ConflictSnapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt snapshot: " + e.getMessage(), e);
        }
    }
}
