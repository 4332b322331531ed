package dev.ripeness.bench.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JIT counters a bench phase reports: differences of two readings, NaN where a reading is missing. */
class JitClockTest {

    @Test
    void shouldReportCompileMillisAndCompilerCpuMillisBetweenTwoReadings() {
        BenchReport.Jit jit = new JitClock(1_250, 9_500_000).since(new JitClock(1_000, 2_000_000));

        assertThat(jit.compileMillis()).isEqualTo(250.0);
        assertThat(jit.compilerThreadCpuMillis()).isEqualTo(7.5);
    }

    @Test
    void shouldReportNaNForACounterTheJvmOrThePlatformDoesNotGive() {
        BenchReport.Jit noProc = new JitClock(30, -1).since(new JitClock(10, -1));
        BenchReport.Jit noMxBean = new JitClock(-1, 5_000_000).since(new JitClock(-1, 1_000_000));

        assertThat(noProc.compileMillis()).isEqualTo(20.0);
        assertThat(noProc.compilerThreadCpuMillis()).isNaN();
        assertThat(noMxBean.compileMillis()).isNaN();
        assertThat(noMxBean.compilerThreadCpuMillis()).isEqualTo(4.0);
    }

    @Test
    void shouldReportNaNRatherThanANegativeCpuWhenACompilerThreadEndedBetweenTheReadings() {
        assertThat(new JitClock(10, 1_000_000).since(new JitClock(5, 3_000_000)).compilerThreadCpuMillis()).isNaN();
    }

    @Test
    void shouldReadHotSpotsCompileTimeAndOnLinuxItsCompilerThreadsCpu() {
        // This JVM has compiled something by the time a test runs; HotSpot counts it
        JitClock now = JitClock.now();

        assertThat(now.compileMillis()).isNotNegative();
        if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))) {
            assertThat(now.compilerCpuNanos()).as("the C1/C2 compiler threads found in /proc/self/task").isPositive();
        }
    }
}
