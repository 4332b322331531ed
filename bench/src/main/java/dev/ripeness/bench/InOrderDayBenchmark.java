package dev.ripeness.bench;

import dev.ripeness.schema.Event;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4's first claim: an in-order event costs the same at event 1,000 as at event
 * 100,000 (1,000,000 with {@code -p priorEvents=1000000}: its setup folds 250,000 days, about
 * 17 minutes here, so it is not a default). Each trial folds {@code priorEvents} events
 * ({@code eventsPerDay} per day) into a history, then measures folding one more day of
 * {@code eventsPerDay} events onto its last snapshot, the way the processor does (decode
 * previous snapshot, fold with each event's explanation delta, encode snapshot and tallies).
 * Equal scores across {@code priorEvents} = constant cost per event; the score at 100 events
 * per day (the end-to-end bench's density) divided by 100 is the fold's cost per event there.
 * The setup prints the snapshot size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.ripeness.schema"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class InOrderDayBenchmark {

    /** Events already folded into the conflict's history. */
    @Param({"1000", "10000", "100000"})
    public long priorEvents;

    /** Events per date, in the history and in the measured date: 4 (the figure kept since issue 4) or 100. */
    @Param({"4", "100"})
    public int eventsPerDay;

    private ModelHistory history;
    private LocalDate next;
    private List<Event> events;

    @Setup(Level.Trial)
    public void buildHistory() {
        // Windows look back at most 180 days: older snapshots are never read again, drop them to bound setup memory.
        history = new ModelHistory(400, eventsPerDay);
        next = history.build(ModelHistory.START, priorEvents / eventsPerDay, null);
        events = history.day(next);
        System.out.printf("%nhistory: %d events folded, last snapshot %d bytes%n", history.eventCount(),
                history.snapshots.lastEntry().getValue().length);
    }

    /** One in-order event date of {@code eventsPerDay} events folded onto the latest snapshot. */
    @Benchmark
    public byte[][] foldOneDay() {
        return history.foldDay(next, events);
    }
}
