package dev.ripeness.sinks.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts requests and their time per method, route pattern and status (route patterns keep the label set small). */
final class HttpMetrics {

    record Key(String method, String route, int status) {}

    static final class Tally {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }

    private final Map<Key, Tally> tallies = new ConcurrentHashMap<>();

    void record(String method, String route, int status, long nanos) {
        Tally t = tallies.computeIfAbsent(new Key(method, route, status), k -> new Tally());
        t.count.increment();
        t.nanos.add(nanos);
    }

    Map<Key, Tally> snapshot() {
        return Map.copyOf(tallies);
    }
}
