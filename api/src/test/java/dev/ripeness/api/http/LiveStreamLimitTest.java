package dev.ripeness.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The live-stream limit holds when many clients open streams at the same instant. */
class LiveStreamLimitTest {

    @Test
    void shouldNeverOpenMoreStreamsThanTheLimitWhenClientsArriveTogether() throws Exception {
        // Given a limit of 3
        FakeStateQueries state = FakeStateQueries.withTestSeries();
        List<Socket> sockets = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(24);
        try (ApiServer server = ApiServer.builder(state, TestSeries.catalog()).port(0).changes(state.changes())
                .keepAlive(Duration.ofSeconds(5)).maxLiveClients(3).start()) {
            // When 24 clients ask for a stream at once
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> statuses = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                s.setSoTimeout(20_000);
                sockets.add(s);
                statuses.add(clients.submit(() -> {
                    go.await();
                    s.getOutputStream().write("GET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                }));
            }
            go.countDown();
            List<String> lines = new ArrayList<>();
            for (Future<String> f : statuses) {
                lines.add(f.get());
            }

            // Then exactly 3 got a stream and the others 503, and the server counts 3 open
            assertThat(lines.stream().filter(l -> l.contains(" 200"))).hasSize(3);
            assertThat(lines.stream().filter(l -> l.contains(" 503"))).hasSize(21);
            assertThat(Http.get(server, "/health").json().path("liveClients").asInt()).isEqualTo(3);
        } finally {
            clients.shutdownNow();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
