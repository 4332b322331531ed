package dev.ripeness.bench;

import dev.ripeness.schema.Event;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Issue 4's second claim: a late event costs in proportion to the span it affects. A
 * history of 2,000 days (4 events a day) is folded once; each invocation then applies one
 * event dated {@code span} days before the latest date and re-folds every later date the
 * way the processor does (from the stored snapshot before the late date, each date's
 * bucket, the stored window starts). Scores growing 10x per 10x span = cost ∝ span.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.ripeness.schema"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class LateEventBenchmark {

    private static final int HISTORY_DAYS = 2000;

    /** Event dates from the late event's date to the latest, all re-folded. */
    @Param({"10", "100", "1000"})
    public int span;

    private ModelHistory history;
    private final Map<LocalDate, List<Event>> buckets = new HashMap<>();
    private LocalDate from;
    private LocalDate last;
    private Event late;

    @Setup(Level.Trial)
    public void buildHistory() {
        history = new ModelHistory(0);
        LocalDate end = history.build(ModelHistory.START, HISTORY_DAYS, buckets);
        last = end.minusDays(1);
        from = last.minusDays(span - 1);
        late = history.event(from);
    }

    /** The late event's date gets it added, then every date from there to the latest is re-folded. */
    @Benchmark
    public byte[][] refoldSpan() {
        byte[][] out = null;
        for (LocalDate d = from; !d.isAfter(last); d = d.plusDays(1)) {
            List<Event> events = buckets.get(d);
            if (d.equals(from)) {
                events = new ArrayList<>(events);
                events.add(late);
            }
            out = history.foldDay(d, events);
        }
        return out;
    }
}
