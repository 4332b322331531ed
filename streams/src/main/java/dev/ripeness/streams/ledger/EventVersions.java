package dev.ripeness.streams.ledger;

import dev.ripeness.schema.Event;
import dev.ripeness.schema.serde.AvroSerde;
import java.util.Arrays;

/**
 * Total orders between versions of events, so that the outcome never depends on arrival order.
 */
public final class EventVersions {

    private static final AvroSerde<Event> CANONICAL = AvroSerde.of(Event.class);

    private EventVersions() {}

    /**
     * Compares two versions of the same eventId: 0 when their content is identical
     * (ignoring {@code recordedAt} and {@code origin}, which only say how it arrived); else the
     * later {@code knownSince} wins (absent = earliest), and on a tie the greater canonical
     * bytes, an arbitrary but fixed choice.
     */
    public static int compare(Event a, Event b) {
        byte[] ca = canonical(a);
        byte[] cb = canonical(b);
        if (Arrays.equals(ca, cb)) {
            return 0;
        }
        int byKnown = knownSince(a).compareTo(knownSince(b));
        return byKnown != 0 ? byKnown : Arrays.compareUnsigned(ca, cb) > 0 ? 1 : -1;
    }

    /** Whether correction {@code a} beats correction {@code b}: later knownSince, then greater eventId. */
    public static boolean laterCorrection(Event a, Event b) {
        int byKnown = knownSince(a).compareTo(knownSince(b));
        return byKnown != 0 ? byKnown > 0 : a.getEventId().compareTo(b.getEventId()) > 0;
    }

    private static String knownSince(Event e) {
        return e.getKnownSince() == null ? "" : e.getKnownSince();
    }

    private static byte[] canonical(Event e) {
        Event c = Event.newBuilder(e).setRecordedAt(0L).setOrigin(null).build();
        return CANONICAL.encode(c);
    }
}
