package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripeness.broker.EmbeddedKafkaBroker;
import dev.ripeness.sinks.StateKind;
import dev.ripeness.sinks.files.FileSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command against a broker whose client listener wants SASL PLAIN credentials: with them
 * in a `--kafka-config` file, `run`, `produce`, `state`, `replay --verify` and `sink files` work;
 * without them, or with a wrong password, each ends on its own (well before the two minutes a
 * client would otherwise spend reconnecting) with a message that names the authentication
 * problem and `--kafka-config`.
 */
@Tag("integration")
class SaslIT {

    private static final String USER = "ripeness-app";
    private static final String PASSWORD = "s3cret-for-sasl-it";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Bound on a refused command: a hang (reconnecting until a client deadline) would take two minutes. */
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static Path credentials;
    private static Path wrongPassword;

    @BeforeAll
    static void startSaslBroker() throws IOException {
        broker = EmbeddedKafkaBroker.startWithSaslPlain(dir.resolve("broker"), 0, Map.of(USER, PASSWORD, "someone-else", "x"));
        credentials = properties("client.properties", EmbeddedKafkaBroker.saslPlainClient(USER, PASSWORD));
        wrongPassword = properties("wrong.properties", EmbeddedKafkaBroker.saslPlainClient(USER, "not-the-password"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldWorkWithCredentialsAndFailClearlyWithoutOrWithWrongOnes() throws Exception {
        String bootstrap = broker.bootstrapServers();
        int httpPort = RipenessProcess.freePort();
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, event("sasl-1", "2022-03-01") + "\n" + event("sasl-2", "2022-03-02") + "\n");
        Path sinkDir = dir.resolve("sink");

        // Given `run` on the SASL broker with the credentials file (it loads the bundled history)
        try (RipenessProcess run = RipenessProcess.start("run", "--bootstrap-servers", bootstrap, "--kafka-config",
                credentials.toString(), "--data-dir", dir.resolve("data").toString(), "--http-port", String.valueOf(httpPort))) {
            run.awaitLine("Ready", Duration.ofMinutes(3));
            await("/ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> get("http://127.0.0.1:" + httpPort + "/ready") == 200);

            // When each command is given the same file, Then it works
            Result produce = ripeness("produce", events.toString(), "--bootstrap-servers", bootstrap, "--kafka-config", credentials.toString());
            assertThat(produce.exit).as(produce.toString()).isZero();
            assertThat(produce.out).contains("accepted 2, duplicates 0");

            Result state = ripeness("state", "russia-ukraine", "--json", "--bootstrap-servers", bootstrap, "--kafka-config", credentials.toString());
            assertThat(state.exit).as(state.toString()).isZero();
            assertThat(state.out).contains("\"conflict\" : \"russia-ukraine\"");

            try (RipenessProcess sink = RipenessProcess.start("sink", "files", "--dir", sinkDir.toString(), "--bootstrap-servers",
                    bootstrap, "--kafka-config", credentials.toString())) {
                sink.awaitLine("File sink:", Duration.ofMinutes(1));
                Path assessments = FileSink.currentJsonl(sinkDir, StateKind.ASSESSMENTS);
                await("the file sink writes the current assessments").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> Files.exists(assessments) && Files.readString(assessments).contains("russia-ukraine"));
                assertThat(sink.stop()).isZero();
            }

            await("the produced events processed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> get("http://127.0.0.1:" + httpPort + "/ready") == 200);
            Result verify = ripeness("replay", "--verify", "--bootstrap-servers", bootstrap, "--kafka-config", credentials.toString(),
                    "--data-dir", dir.resolve("replay").toString());
            assertThat(verify.exit).as(verify.toString()).isZero();
            assertThat(verify.out).contains("Verified: the rebuilt state equals the live state");

            // And without the file, or with a wrong password, each command ends by itself, naming the problem and the fix
            List<String> timings = new ArrayList<>();
            for (Path config : new Path[] {null, wrongPassword}) {
                List<String> kafka = config == null ? List.of("--bootstrap-servers", bootstrap)
                        : List.of("--bootstrap-servers", bootstrap, "--kafka-config", config.toString());
                String expected = config == null ? "requires authentication (SASL)" : "refused this client's credentials";
                for (List<String> command : List.of(
                        List.of("produce", events.toString()),
                        List.of("state", "russia-ukraine"),
                        List.of("replay", "--verify", "--data-dir", dir.resolve("replay-refused").toString()),
                        List.of("sink", "files", "--dir", dir.resolve("sink-refused").toString()),
                        List.of("run", "--empty", "--data-dir", dir.resolve("data-refused").toString(),
                                "--http-port", String.valueOf(RipenessProcess.freePort())))) {
                    List<String> args = new ArrayList<>(command);
                    args.addAll(kafka);
                    long started = System.nanoTime();
                    Result refused = ripeness(args.toArray(String[]::new));
                    timings.add(String.format("%s %s: %.1f s", command.get(0), config == null ? "no credentials" : "wrong password",
                            (System.nanoTime() - started) / 1e9));
                    assertThat(refused.exit).as(refused.toString()).isEqualTo(2);
                    assertThat(refused.err).as(refused.toString()).contains(expected).contains("--kafka-config");
                }
            }
            System.out.println("SaslIT: refused commands ended after (JVM start included) " + String.join("; ", timings));
            assertThat(run.stop()).isZero();
        }
    }

    private record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private static Result ripeness(String... args) throws Exception {
        try (RipenessProcess process = RipenessProcess.start(args)) {
            int exit = process.waitForExit(REFUSED_WITHIN);
            return new Result(exit, String.join("\n", process.stdout()), String.join("\n", process.stderr()));
        }
    }

    private static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Path properties(String name, Map<String, String> values) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n", "", "\n")));
        return file;
    }

    private static String event(String id, String date) {
        return "{\"eventId\":\"" + id + "\",\"date\":\"" + date + "\",\"conflict\":\"russia-ukraine\",\"actor\":\"UKR\","
                + "\"type\":\"NEGOTIATION_ROUND\",\"sources\":[\"sasl-it\"],\"confidence\":1.0}";
    }
}
