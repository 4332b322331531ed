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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two `ripeness run` instances on one broker share the work: while both are up a read asked
 * of the one that does not hold the conflict is forwarded to the one that does (named by
 * --advertised-http); after kill -9 of the holder the other serves the conflict itself within
 * 30 s (the session timeout is 10 s).
 */
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

                // Given both up and the conflict processed: each answers, one of them by forwarding to the other
                // (right after the second start the group may still be moving the partition: wait until it settles)
                awaitRipeness(portA, Duration.ofMinutes(3));
                HttpResponse<String>[] answers = await("the group settled: exactly one instance forwards")
                        .atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> bothAnswers(portA, portB), r -> servedBy(r[0]) == null ^ servedBy(r[1]) == null);
                HttpResponse<String> fromA = answers[0];
                HttpResponse<String> fromB = answers[1];
                String servedByA = servedBy(fromA);
                String servedByB = servedBy(fromB);
                boolean aHolds = servedByA == null;
                assertThat(aHolds ? servedByB : servedByA).isEqualTo("127.0.0.1:" + (aHolds ? portA : portB));
                assertThat(fromA.body()).isEqualTo(fromB.body());

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

    @SuppressWarnings("unchecked")
    private static HttpResponse<String>[] bothAnswers(int portA, int portB) throws Exception {
        HttpResponse<String> a = get(portA);
        HttpResponse<String> b = get(portB);
        if (a.statusCode() != 200 || b.statusCode() != 200) {
            throw new IllegalStateException("not both answering yet: " + a.statusCode() + ", " + b.statusCode());
        }
        return new HttpResponse[] {a, b};
    }

    private static String servedBy(HttpResponse<String> r) {
        return r.headers().firstValue("X-Ripeness-Served-By").orElse(null);
    }

    private static RipenessProcess start(String bootstrap, Path dataDir, int httpPort) throws java.io.IOException {
        return RipenessProcess.start("run", "--bootstrap-servers", bootstrap, "--data-dir", dataDir.toString(),
                "--http-port", String.valueOf(httpPort), "--advertised-http", "127.0.0.1:" + httpPort);
    }

    private static HttpResponse<String> awaitRipeness(int port, Duration atMost) {
        return await("ripeness of " + CONFLICT + " on port " + port).atMost(atMost).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> get(port), r -> r.statusCode() == 200);
    }

    private static HttpResponse<String> get(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/conflicts/" + CONFLICT + "/ripeness"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
