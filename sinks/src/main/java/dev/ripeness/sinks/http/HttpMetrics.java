package dev.ripeness.sinks.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts requests and their time per method, route pattern and status. Every label has a
 * bounded set of values: route patterns, not paths; the standard methods and {@code OTHER}
 * for any made-up one; the status codes the API answers.
 */
final class HttpMetrics {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

    /** The method as a label: itself when standard, else {@code OTHER}. */
    static String method(String method) {
        return METHODS.contains(method) ? method : "OTHER";
    }

    record Key(String method, String route, int status) {}

    static final class Tally {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }

    private final Map<Key, Tally> tallies = new ConcurrentHashMap<>();

    void record(String method, String route, int status, long nanos) {
        Tally t = tallies.computeIfAbsent(new Key(method(method), route, status), k -> new Tally());
        t.count.increment();
        t.nanos.add(nanos);
    }

    Map<Key, Tally> snapshot() {
        return Map.copyOf(tallies);
    }
}
