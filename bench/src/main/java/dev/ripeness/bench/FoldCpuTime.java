package dev.ripeness.bench;

import dev.ripeness.schema.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * {@link InOrderDayBenchmark}'s measurement in thread CPU time instead of wall time, for a
 * machine shared with other work (the CPU the fold itself used moves less with the load than
 * JMH's wall-clock scores). Builds the same history, folds the same next date many times, and
 * prints the CPU time per fold (min and median over rounds) and per event, and the bytes the
 * thread allocated per fold (the same on a busy machine as on a quiet one).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.ripeness.bench.FoldCpuTime [eventsPerDay] [priorEvents] [rounds] [foldsPerRound]</pre>
 */
public final class FoldCpuTime {

    private FoldCpuTime() {}

    public static void main(String[] args) {
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "dev.ripeness.schema");
        int eventsPerDay = args.length > 0 ? Integer.parseInt(args[0]) : ModelHistory.EVENTS_PER_DAY;
        long priorEvents = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int folds = args.length > 3 ? Integer.parseInt(args[3]) : Math.max(20, 4_000 / eventsPerDay);
        ModelHistory history = new ModelHistory(400, eventsPerDay);
        LocalDate next = history.build(ModelHistory.START, priorEvents / eventsPerDay, null);
        List<Event> events = history.day(next);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long sink = 0;
        // Warm-up: as many folds again as the rounds measure.
        for (int i = 0; i < rounds * folds; i++) {
            sink += history.foldDay(next, events)[0].length;
        }
        com.sun.management.ThreadMXBean bytes = (com.sun.management.ThreadMXBean) cpu;
        long thread = Thread.currentThread().getId();
        long b0 = bytes.getThreadAllocatedBytes(thread);
        for (int i = 0; i < folds; i++) {
            sink += history.foldDay(next, events)[0].length;
        }
        double allocated = (bytes.getThreadAllocatedBytes(thread) - b0) / (double) folds;
        double[] perFold = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < folds; i++) {
                sink += history.foldDay(next, events)[0].length;
            }
            perFold[r] = (cpu.getCurrentThreadCpuTime() - t0) / 1_000.0 / folds;
        }
        Arrays.sort(perFold);
        double median = perFold[rounds / 2];
        System.out.printf("eventsPerDay=%d priorEvents=%d rounds=%d folds/round=%d: CPU per fold min %.1f us, median %.1f us;"
                + " per event min %.2f us, median %.2f us; allocated per fold %.0f bytes (%d)%n", eventsPerDay, priorEvents,
                rounds, folds, perFold[0], median, perFold[0] / eventsPerDay, median / eventsPerDay, allocated, sink % 10);
    }
}
