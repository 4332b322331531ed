package dev.ripeness.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data dir's lock: one holder at a time, and whether the run before stopped cleanly. */
class DataDirLockTest {

    @Test
    void shouldSayNothingAfterACleanStop(@TempDir Path dir) throws Exception {
        // Given a data dir used once and closed (what Ctrl-C or SIGTERM does)
        try (DataDirLock first = DataDirLock.acquire(dir)) {
            assertThat(first.uncleanStop()).as("a new data dir").isEmpty();
        }
        // When the next run takes it, Then it finds no unclean stop
        try (DataDirLock second = DataDirLock.acquire(dir)) {
            assertThat(second.uncleanStop()).isEmpty();
        }
    }

    @Test
    void shouldNameTheProcessOfARunThatWasKilled(@TempDir Path dir) throws Exception {
        // Given another process holding the lock
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            CountDownLatch locked = new CountDownLatch(1);
            java.util.Queue<String> output = new java.util.concurrent.ConcurrentLinkedQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        output.add(line);
                        if (line.equals("locked")) {
                            locked.countDown();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process was killed
                }
            });
            reader.setDaemon(true);
            reader.start();
            assertThat(locked.await(1, TimeUnit.MINUTES)).as("the other process took the lock; it printed %s", output).isTrue();
            assertThatThrownBy(() -> DataDirLock.acquire(dir)).isInstanceOf(DataDirLock.DataDirInUseException.class)
                    .hasMessageContaining("in use by another").hasMessageContaining("process " + holder.pid());

            // When it is killed (SIGKILL: no shutdown hook runs)
            holder.destroyForcibly();
            assertThat(holder.waitFor(1, TimeUnit.MINUTES)).isTrue();

            // Then the next run takes the lock and names the killed process
            try (DataDirLock next = DataDirLock.acquire(dir)) {
                assertThat(next.uncleanStop()).contains(String.valueOf(holder.pid()));
            }
            // And once that run stopped cleanly, the one after it finds nothing to report
            try (DataDirLock after = DataDirLock.acquire(dir)) {
                assertThat(after.uncleanStop()).isEmpty();
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    /** Takes the lock of the data dir given and waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            DataDirLock.acquire(Path.of(args[0]));
            System.out.println("locked");
            System.out.flush();
            new CountDownLatch(1).await(); // held until killed
        }
    }
}
