package dev.ripeness.streams.ledger;

import dev.ripeness.schema.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** A ledger's state in maps: one replay or one known-at answer. Not thread-safe. */
public final class MemoryLedgerState implements LedgerState {

    private final Map<String, Event> events = new HashMap<>();
    private final Map<String, TreeSet<String>> corrections = new HashMap<>();
    private final Map<String, TreeSet<String>> retractions = new HashMap<>();
    /** Conflict → {@code date|eventId} → effective event, in fold order. */
    private final Map<String, TreeMap<String, Event>> days = new HashMap<>();

    @Override
    public Event event(String eventId) {
        return events.get(eventId);
    }

    @Override
    public void putEvent(Event event) {
        events.put(event.getEventId(), event);
    }

    @Override
    public Names names(String target) {
        return new Names(new ArrayList<>(corrections.getOrDefault(target, new TreeSet<>())),
                new ArrayList<>(retractions.getOrDefault(target, new TreeSet<>())));
    }

    @Override
    public void setName(String target, Reference kind, String eventId, boolean present) {
        TreeSet<String> ids = (kind == Reference.CORRECTS ? corrections : retractions).computeIfAbsent(target, k -> new TreeSet<>());
        if (present) {
            ids.add(eventId);
        } else {
            ids.remove(eventId);
        }
    }

    @Override
    public void leaveDay(String conflict, Event event) {
        days.computeIfAbsent(conflict, c -> new TreeMap<>()).remove(event.getDate() + "|" + event.getEventId());
    }

    @Override
    public void joinDay(String conflict, Event event) {
        days.computeIfAbsent(conflict, c -> new TreeMap<>()).put(event.getDate() + "|" + event.getEventId(), event);
    }

    @Override
    public List<Event> effectiveEvents(String conflict) {
        return new ArrayList<>(days.getOrDefault(conflict, new TreeMap<>()).values());
    }
}
