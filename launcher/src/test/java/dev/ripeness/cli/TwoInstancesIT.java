package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripeness.broker.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two `ripeness run` instances on one broker share the work: while both are up a read asked
 * of the one that does not hold the conflict is forwarded to the one that does (named by
 * --advertised-http); after kill -9 of the holder the other serves the conflict itself within
 * 30 s (the session timeout is 10 s).
 */
@Tag("integration")
@ExtendWith(TestKafka.class)
class TwoInstancesIT {

    private static final String CONFLICT = "russia-ukraine";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @Test
    void shouldForwardWhileBothRunAndServeEveryConflictFromTheSurvivorWithin30SecondsOfAKill() throws Exception {
        int portA = RipenessProcess.freePort();
        int portB = RipenessProcess.freePort();
        String bootstrap = TestKafka.bootstrapServers();
        try (RipenessProcess a = start(bootstrap, dirA, portA)) {
            a.awaitLine("Ready", Duration.ofMinutes(2));
            try (RipenessProcess b = start(bootstrap, dirB, portB)) {
                b.awaitLine("Ready", Duration.ofMinutes(2));

                // Given both up, ready (the history processed, the rebalance settled): they give the same
                // answer, one of them by forwarding to the other
                List<HttpResponse<String>> answers = await("both ready, same answer, exactly one forwards " + CONFLICT)
                        .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> ready(portA) && ready(portB) ? List.of(get(portA), get(portB)) : null, pair -> pair != null
                                && pair.stream().allMatch(r -> r.statusCode() == 200) && pair.get(0).body().equals(pair.get(1).body())
                                && pair.stream().filter(r -> r.headers().firstValue("X-Ripeness-Served-By").isPresent()).count() == 1);
                HttpResponse<String> fromA = answers.get(0);
                HttpResponse<String> fromB = answers.get(1);
                String servedByA = fromA.headers().firstValue("X-Ripeness-Served-By").orElse(null);
                String servedByB = fromB.headers().firstValue("X-Ripeness-Served-By").orElse(null);
                boolean aHolds = servedByA == null;
                assertThat(aHolds ? servedByB : servedByA).isEqualTo("127.0.0.1:" + (aHolds ? portA : portB));

                // When the holder is killed (kill -9: no goodbye to the group)
                RipenessProcess holder = aHolds ? a : b;
                int survivor = aHolds ? portB : portA;
                long killed = System.nanoTime();
                holder.close();

                // Then the survivor serves the conflict from its own state within 30 s
                HttpResponse<String> after = await("survivor serves " + CONFLICT + " itself").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .until(() -> get(survivor), r -> r.statusCode() == 200 && r.headers().firstValue("X-Ripeness-Served-By").isEmpty());
                assertThat(after.body()).contains("\"conflict\":\"" + CONFLICT + "\"");
                System.out.printf("TwoInstancesIT: survivor served %s itself %.1f s after kill -9 of the holder%n",
                        CONFLICT, (System.nanoTime() - killed) / 1e9);
            }
        }
    }

    private static RipenessProcess start(String bootstrap, Path dataDir, int httpPort) throws java.io.IOException {
        return RipenessProcess.start("run", "--bootstrap-servers", bootstrap, "--data-dir", dataDir.toString(),
                "--http-port", String.valueOf(httpPort), "--advertised-http", "127.0.0.1:" + httpPort);
    }

    private static boolean ready(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    }

    private static HttpResponse<String> get(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/conflicts/" + CONFLICT + "/ripeness"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
