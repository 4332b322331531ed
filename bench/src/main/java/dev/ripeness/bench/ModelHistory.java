package dev.ripeness.bench;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.producers.event.EventFormatException;
import dev.ripeness.producers.event.EventJson;
import dev.ripeness.producers.generate.EventGenerator;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.ripeness.ConflictSnapshot;
import dev.ripeness.streams.ripeness.DayResult;
import dev.ripeness.streams.ripeness.RipenessModel;
import dev.ripeness.streams.ripeness.SnapshotCodec;
import dev.ripeness.streams.ripeness.SnapshotLookup;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A conflict's history folded day by day exactly as the pipeline's processor does it:
 * decode the previous snapshot from its stored bytes, fold the day, encode the new snapshot.
 * Events come from the synthetic generator (conflict {@code synth-1}, the same kinds the
 * end-to-end bench feeds), re-dated to {@link #eventsPerDay} per day. Stored snapshots
 * are bytes in a sorted map, standing in for the RocksDB snapshot store.
 */
final class ModelHistory {

    /** The density of the JMH histories unless a benchmark asks for another. */
    static final int EVENTS_PER_DAY = 4;
    static final LocalDate START = LocalDate.of(2000, 1, 1);
    private static final int POOL = 4096;

    final ConflictConfig conflict = EventGenerator.conflict(1);
    final RipenessModel model = new RipenessModel(conflict, ModelConfig.bundled());
    /** Encoded snapshot per event date; older ones are dropped when {@code keepDays} is set. */
    final TreeMap<LocalDate, byte[]> snapshots = new TreeMap<>();
    /** Encoded battlefield tallies per event date (the processor's tallies store, read for window starts). */
    final TreeMap<LocalDate, byte[]> tallies = new TreeMap<>();
    private final List<Event> pool;
    private final int keepDays;
    /** Events per date, in the history and in {@link #day}. */
    final int eventsPerDay;
    private long next;

    /** @param keepDays snapshots kept behind the latest date (enough for every window), or 0 for all */
    ModelHistory(int keepDays) {
        this(keepDays, EVENTS_PER_DAY);
    }

    /**
     * @param keepDays snapshots kept behind the latest date (enough for every window), or 0 for all
     * @param eventsPerDay events per date
     */
    ModelHistory(int keepDays, int eventsPerDay) {
        this.keepDays = keepDays;
        this.eventsPerDay = eventsPerDay;
        StringWriter out = new StringWriter();
        new EventGenerator(new EventGenerator.Settings(POOL, 1, 7, 0, 0, 0)).write(out);
        pool = new ArrayList<>(POOL);
        for (String line : out.toString().split("\n")) {
            try {
                pool.add(EventJson.parse(line));
            } catch (EventFormatException e) {
                throw new IllegalStateException("the generator wrote an unparsable line: " + line, e);
            }
        }
    }

    /** The {@code n}th event of the stream, dated {@code date}. */
    Event event(LocalDate date) {
        long n = next++;
        Event e = pool.get((int) (n % POOL));
        return Event.newBuilder(e).setEventId("h-" + n).setDate(date.toString()).build();
    }

    /** {@link #eventsPerDay} fresh events dated {@code date}. */
    List<Event> day(LocalDate date) {
        List<Event> day = new ArrayList<>(eventsPerDay);
        for (int i = 0; i < eventsPerDay; i++) {
            day.add(event(date));
        }
        return day;
    }

    /** The stored-tallies lookup the fold uses for window starts. */
    SnapshotLookup lookup() {
        return date -> {
            Map.Entry<LocalDate, byte[]> e = tallies.floorEntry(date);
            return e == null ? null : SnapshotCodec.decodeTallies(e.getValue());
        };
    }

    /**
     * One event date as the processor folds it: previous snapshot from its bytes, fold,
     * new snapshot and its tallies to bytes. Returns {snapshot, tallies} (not stored).
     */
    byte[][] foldDay(LocalDate date, List<Event> events) {
        Map.Entry<LocalDate, byte[]> before = snapshots.lowerEntry(date);
        ConflictSnapshot previous = before == null ? null : SnapshotCodec.decode(before.getValue());
        DayResult r = model.day(previous, date, events, lookup());
        return new byte[][] {SnapshotCodec.encode(r.snapshot()), SnapshotCodec.encodeTallies(r.snapshot().battlefield)};
    }

    /** Folds and stores {@code days} days of {@link #eventsPerDay} events each from {@code first}; returns the day after. */
    LocalDate build(LocalDate first, long days, Map<LocalDate, List<Event>> keepEvents) {
        LocalDate date = first;
        for (long d = 0; d < days; d++, date = date.plusDays(1)) {
            List<Event> events = day(date);
            if (keepEvents != null) {
                keepEvents.put(date, events);
            }
            byte[][] stored = foldDay(date, events);
            snapshots.put(date, stored[0]);
            tallies.put(date, stored[1]);
            if (keepDays > 0) {
                LocalDate horizon = date.minusDays(keepDays);
                while (!snapshots.isEmpty() && snapshots.firstKey().isBefore(horizon)) {
                    snapshots.pollFirstEntry();
                    tallies.pollFirstEntry();
                }
            }
        }
        return date;
    }

    /** Events folded so far (the last snapshot's own count). */
    long eventCount() {
        return SnapshotCodec.decode(snapshots.lastEntry().getValue()).eventCount;
    }
}
