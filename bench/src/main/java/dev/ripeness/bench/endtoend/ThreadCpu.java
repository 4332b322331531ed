package dev.ripeness.bench.endtoend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads chosen by name, from Linux's {@code /proc/self/task/<id>}
 * ({@code comm}, at most 15 characters, and {@code schedstat}): threads the JVM cannot name to
 * {@code ThreadMXBean}, such as the JIT's compiler threads or RocksDB's background threads.
 * The threads are listed anew at each reading, as they may start and end while a phase runs.
 */
final class ThreadCpu {

    private static final String TASKS = "/proc/self/task";

    /** The JIT's compiler threads ({@code C1 CompilerThread0}, cut to 15 characters). */
    static final Predicate<String> JIT_COMPILERS = name -> name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");

    /** RocksDB's flush ({@code rocksdb:high}) and compaction ({@code rocksdb:low}) threads. */
    static final Predicate<String> ROCKSDB = name -> name.startsWith("rocksdb:");

    private ThreadCpu() {}

    /** Nanoseconds on a CPU, summed over the living threads whose name {@code chosen} accepts; -1 when none can be read. */
    static long nanos(Predicate<String> chosen) {
        long sum = 0;
        boolean any = false;
        try (Stream<Path> tasks = Files.list(Path.of(TASKS))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (chosen.test(Files.readString(task.resolve("comm")).trim())) {
                        sum += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[0]);
                        any = true;
                    }
                } catch (IOException gone) {
                    // the thread ended between the listing and the read: its time left with it
                }
            }
        } catch (IOException | RuntimeException noProc) {
            return -1;
        }
        return any ? sum : -1;
    }
}
