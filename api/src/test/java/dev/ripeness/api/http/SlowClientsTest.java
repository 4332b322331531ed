package dev.ripeness.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hostile or unlucky clients: hundreds of connections that trickle a request one byte at a
 * time must not keep {@code /health} (or anything else) from answering, and a connection that
 * sends nothing is closed after the idle timeout.
 */
@Execution(ExecutionMode.CONCURRENT) // each test has its own server and sockets, so they run side by side
class SlowClientsTest {

    /** How many slow connections the test holds open; docs/operations.md quotes it. */
    static final int SLOW_CONNECTIONS = 500;

    private final List<Socket> sockets = new ArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    private ApiServer server;

    @AfterEach
    void stop() throws IOException {
        trickle.shutdownNow();
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldAnswerHealthWhileFiveHundredClientsTrickleTheirRequestsByteByByte() throws Exception {
        // Given a server, and 500 connections that send a request head one byte a second
        server = ApiServer.builder(FakeStateQueries.withTestSeries(), TestSeries.catalog()).port(0).start();
        byte[] head = ("GET /api/conflicts HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "x".repeat(64) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < SLOW_CONNECTIONS; i++) {
            sockets.add(new Socket(InetAddress.getLoopbackAddress(), server.port()));
        }
        AtomicInteger rounds = new AtomicInteger();
        AtomicInteger broken = new AtomicInteger();
        trickle.scheduleWithFixedDelay(() -> {
            int n = rounds.getAndIncrement();
            for (Socket s : sockets) {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(head[n % (head.length - 4)]);
                    out.flush();
                } catch (IOException e) {
                    broken.incrementAndGet();
                }
            }
        }, 0, 1, TimeUnit.SECONDS);
        await("every slow connection has sent three bytes").atMost(Duration.ofSeconds(30)).until(() -> rounds.get() >= 4);

        // When /health is asked, repeatedly, while they are all still open and sending
        for (int i = 0; i < 5; i++) {
            Http.Answer health = Http.get(server, "/health");

            // Then it answers (the client gives up after 20 s; the old server never answered)
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("UP");
        }
        assertThat(Http.get(server, "/api/conflicts").status()).isEqualTo(200);
        assertThat(broken.get()).as("slow connections the server dropped while they were sending").isZero();
    }

    @Test
    void shouldCloseAConnectionThatSendsNothingAfterTheIdleTimeout() throws Exception {
        // Given a server with a 1 s idle timeout
        server = ApiServer.builder(FakeStateQueries.withTestSeries(), TestSeries.catalog()).port(0)
                .idleTimeout(Duration.ofSeconds(1)).start();
        Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.port());
        sockets.add(silent);
        silent.setSoTimeout(20_000);

        // When it sends nothing, Then the server closes it (read sees end of stream, not the 20 s timeout)
        InputStream in = silent.getInputStream();
        assertThat(in.read()).isEqualTo(-1);
    }
}
