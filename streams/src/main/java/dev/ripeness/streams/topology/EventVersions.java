package dev.ripeness.streams.topology;

import dev.ripeness.schema.Event;

/** The processor's name for the version rules, whose one home is {@link dev.ripeness.streams.ledger.EventVersions}. */
final class EventVersions {

    private EventVersions() {}

    static int compare(Event a, Event b) {
        return dev.ripeness.streams.ledger.EventVersions.compare(a, b);
    }

    static boolean laterCorrection(Event a, Event b) {
        return dev.ripeness.streams.ledger.EventVersions.laterCorrection(a, b);
    }
}
