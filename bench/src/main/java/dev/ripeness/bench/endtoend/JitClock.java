package dev.ripeness.bench.endtoend;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * How much the JVM's JIT compilers have worked so far, two ways: the compile time HotSpot reports
 * ({@code CompilationMXBean.getTotalCompilationTime()}: the wall time of every compilation, summed
 * over the compiler threads, so it also counts the time they wait for a core on a loaded machine)
 * and the CPU time of the compiler threads ({@code C1/C2 CompilerThread}, Linux's
 * {@code /proc/self/task/<id>/schedstat}), which does not. A value the platform does not give is -1.
 */
record JitClock(long compileMillis, long compilerCpuNanos) {

    /** The counters now. Lists the compiler threads anew each time: HotSpot may start more while it runs. */
    static JitClock now() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long compile = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
        return new JitClock(compile, ThreadCpu.nanos(ThreadCpu.JIT_COMPILERS));
    }

    /** What the JIT did since {@code before}; NaN for a counter not known at both readings. */
    BenchReport.Jit since(JitClock before) {
        return new BenchReport.Jit(compileMillis < 0 || before.compileMillis < 0 ? Double.NaN : compileMillis - before.compileMillis,
                // fewer than before: a compiler thread ended, taking its count with it
                compilerCpuNanos < 0 || before.compilerCpuNanos < 0 || compilerCpuNanos < before.compilerCpuNanos ? Double.NaN
                        : (compilerCpuNanos - before.compilerCpuNanos) / 1e6);
    }
}
