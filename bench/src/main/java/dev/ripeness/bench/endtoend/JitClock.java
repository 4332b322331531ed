package dev.ripeness.bench.endtoend;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How much the JVM's JIT compilers have worked so far, two ways: the compile time HotSpot reports
 * ({@code CompilationMXBean.getTotalCompilationTime()}: the wall time of every compilation, summed
 * over the compiler threads, so it also counts the time they wait for a core on a loaded machine)
 * and the CPU time of the compiler threads ({@code C1/C2 CompilerThread}, Linux's
 * {@code /proc/self/task/<id>/schedstat}), which does not. A value the platform does not give is -1.
 */
record JitClock(long compileMillis, long compilerCpuNanos) {

    private static final String TASKS = "/proc/self/task";

    /** The counters now. Lists the compiler threads anew each time: HotSpot may start more while it runs. */
    static JitClock now() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long compile = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
        return new JitClock(compile, compilerCpuNanos(compilerThreads()));
    }

    /** What the JIT did since {@code before}; NaN for a counter not known at both readings. */
    BenchReport.Jit since(JitClock before) {
        return new BenchReport.Jit(compileMillis < 0 || before.compileMillis < 0 ? Double.NaN : compileMillis - before.compileMillis,
                // fewer than before: a compiler thread ended, taking its count with it
                compilerCpuNanos < 0 || before.compilerCpuNanos < 0 || compilerCpuNanos < before.compilerCpuNanos ? Double.NaN
                        : (compilerCpuNanos - before.compilerCpuNanos) / 1e6);
    }

    /** The schedstat files of this process's JIT compiler threads (none off Linux). */
    private static List<Path> compilerThreads() {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of(TASKS))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        found.add(task.resolve("schedstat"));
                    }
                } catch (IOException gone) {
                    // the thread ended between the listing and the read: it is not a compiler thread now
                }
            }
        } catch (IOException | RuntimeException noProc) {
            return List.of();
        }
        return found;
    }

    /** Nanoseconds on a CPU, summed (the first field of schedstat); -1 when there is none to read. */
    private static long compilerCpuNanos(List<Path> schedstats) {
        if (schedstats.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (Path s : schedstats) {
            try {
                sum += Long.parseLong(Files.readString(s).trim().split("\\s+")[0]);
            } catch (IOException | RuntimeException unreadable) {
                return -1;
            }
        }
        return sum;
    }
}
