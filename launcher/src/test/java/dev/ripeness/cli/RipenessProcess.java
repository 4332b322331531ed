package dev.ripeness.cli;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The packaged {@code ripeness.jar} run as a user runs it: a separate JVM, real ports, real signals. */
final class RipenessProcess implements AutoCloseable {

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private final List<Thread> pumps;

    private RipenessProcess(Process process) {
        this.process = process;
        this.pumps = List.of(
                pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), stdout),
                pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), stderr));
    }

    static RipenessProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-jar", System.getProperty("ripeness.jar", "target/ripeness.jar")));
        command.addAll(List.of(args));
        return new RipenessProcess(new ProcessBuilder(command).start());
    }

    /** Waits until stdout holds a line containing {@code text}; fails with both streams when the process dies first. */
    String awaitLine(String text, Duration timeout) {
        await("line containing '" + text + "'").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive() && stdout.stream().noneMatch(l -> l.contains(text))) {
                throw new AssertionError("ripeness exited with " + process.exitValue()
                        + "\nstdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + String.join("\n", stderr));
            }
            return stdout.stream().anyMatch(l -> l.contains(text));
        });
        return stdout.stream().filter(l -> l.contains(text)).findFirst().orElseThrow();
    }

    /** Sends SIGTERM, as Ctrl-C or a service manager would, and returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ripeness did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Waits for the exit and for the last of its output to be read; the exit code. */
    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ripeness did not exit within " + timeout + "\nstdout:\n" + String.join("\n", stdout)
                    + "\nstderr:\n" + String.join("\n", stderr));
        }
        for (Thread pump : pumps) {
            pump.join(TimeUnit.SECONDS.toMillis(10));
        }
        return process.exitValue();
    }

    List<String> stdout() {
        return stdout;
    }

    List<String> stderr() {
        return stderr;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Thread pump(BufferedReader reader, List<String> sink) {
        Thread t = new Thread(() -> {
            try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "ripeness-process-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
