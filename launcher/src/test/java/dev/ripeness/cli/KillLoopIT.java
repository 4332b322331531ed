package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripeness.topics.TopicReader;
import dev.ripeness.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of `ripeness run` (its embedded broker dies with it) in the middle of an HTTP feed, a
 * few times over on one data dir. A client posts bodies of new events back to back; each kill
 * leaves one body unanswered, which the client posts again after the restart, as any client
 * would. After the last restart: every event acknowledged with 200 is in the event log exactly
 * once, nothing else is there, no transaction of a killed run is left open once the instance
 * says it is ready, and `replay --verify` finds the live state equal to a rebuild from the log.
 */
@Tag("integration")
class KillLoopIT {

    /** kill -9 rounds; docs/operations.md quotes it. */
    static final int KILLS = 3;
    /** Events per POST: more than one feed transaction (500), so a kill can fall between two of one body. */
    private static final int PER_BODY = 700;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    @TempDir
    Path replayDir;

    @Test
    void shouldKeepEveryAcknowledgedEventExactlyOnceThroughKillsMidFeed() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        List<String> unanswered = List.of();
        List<String> retries = new ArrayList<>();
        int bodies = 0;
        for (int round = 0; round <= KILLS; round++) {
            int kafkaPort = RipenessProcess.freePort();
            int httpPort = RipenessProcess.freePort();
            try (RipenessProcess run = RipenessProcess.start("run", "--empty", "--data-dir", dataDir.toString(),
                    "--kafka-port", String.valueOf(kafkaPort), "--http-port", String.valueOf(httpPort))) {
                run.awaitLine("Ready", Duration.ofMinutes(3));
                if (round > 0) {
                    // The restarted broker fenced the killed one's registration before leading anything (KAFKA-20734),
                    // and the run said the last one did not stop cleanly
                    assertThat(String.join("\n", run.stderr())).contains("Fenced the killed broker's registration")
                            .contains("did not stop cleanly");
                }
                String api = "http://127.0.0.1:" + httpPort;
                String token = Files.readString(dataDir.resolve("api-token")).strip();

                // Given the body the previous kill left unanswered, posted again: each of its events is
                // written now or was already (the log decides), none is refused
                if (!unanswered.isEmpty()) {
                    JsonNode retry = JSON.readTree(postUntilAnswered(api, token, unanswered).body());
                    assertThat(retry.get("rejected").asInt()).as("retried body: " + retry).isZero();
                    assertThat(retry.get("accepted").asInt() + retry.get("duplicates").asInt()).isEqualTo(unanswered.size());
                    acknowledged.addAll(unanswered);
                    retries.add(retry.get("accepted").asInt() + " accepted/" + retry.get("duplicates").asInt() + " duplicate");
                    bodies++;
                }
                if (round == KILLS) {
                    // Then once it says it is ready, no transaction a killed run left open hides the log's end
                    await("/ready answers 200").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                            .ignoreExceptions().until(() -> get(api + "/ready").statusCode() == 200);
                    String bootstrap = "127.0.0.1:" + kafkaPort;
                    assertThat(openTransactionsHoldBack(bootstrap)).as("events behind an open transaction, per partition")
                            .allSatisfy((partition, behind) -> assertThat(behind).isZero());

                    // And every acknowledged event is in the log exactly once, and nothing else is
                    Map<String, List<String>> inLog = eventIds(bootstrap);
                    assertThat(inLog.keySet()).containsAll(acknowledged);
                    // Where each copy of a repeated event sits (partition@offset) tells which feed transactions wrote it
                    assertThat(inLog.entrySet()).allSatisfy(e -> assertThat(e.getValue()).as(e.getKey() + " at " + e.getValue()
                            + "; retried bodies: " + retries).hasSize(1));
                    assertThat(inLog.keySet()).allMatch(id -> id.startsWith("kill-"));

                    // And the live state equals the state rebuilt from the log
                    try (RipenessProcess verify = RipenessProcess.start("replay", "--verify", "--bootstrap-servers", bootstrap,
                            "--data-dir", replayDir.toString())) {
                        int exit = verify.waitForExit(Duration.ofMinutes(6));
                        assertThat(exit).as("replay --verify\nstdout:\n" + String.join("\n", verify.stdout())
                                + "\nstderr:\n" + String.join("\n", verify.stderr())).isZero();
                        assertThat(String.join("\n", verify.stdout())).contains("Verified: the rebuilt state equals the live state");
                    }
                    System.out.printf("KillLoopIT: %d kill -9 mid-feed, %d bodies of %d events answered 200 (%d events), "
                            + "bodies unanswered at a kill and posted again: %s; log holds %d events, each once; "
                            + "replay --verify: no difference%n",
                            KILLS, bodies, PER_BODY, acknowledged.size(), retries, inLog.size());
                    assertThat(run.stop()).isZero();
                    return;
                }

                // When a client posts bodies back to back and the process is killed while the feed has a
                // transaction open at the broker (records written, not yet committed)
                Feeder feeder = new Feeder(api, token, round);
                CompletableFuture<Void> feeding = CompletableFuture.runAsync(feeder);
                int answeredBeforeKill = 1 + round;
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + kafkaPort))) {
                    await("round " + round + ": " + answeredBeforeKill + " bodies answered, then a feed transaction open")
                            .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10))
                            .until(() -> feeding.isDone() || feeder.answered.get() >= answeredBeforeKill && feedTransactionOpen(admin));
                    assertThat(feeding).as("the feeder stopped early: " + feeder.failure.get()).isNotDone();
                    run.close();
                    admin.close(Duration.ZERO);
                }
                feeding.get(1, TimeUnit.MINUTES);
                assertThat(feeder.failure.get()).as("answers before the kill").isNull();
                acknowledged.addAll(feeder.acknowledged);
                bodies += feeder.answered.get();
                unanswered = feeder.inFlight.get();
            }
        }
    }

    /** Posts bodies of new events until the server stops answering; keeps what was acknowledged with 200. */
    private static final class Feeder implements Runnable {
        final String api;
        final String token;
        final int round;
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicReference<List<String>> inFlight = new AtomicReference<>(List.of());
        final AtomicReference<String> failure = new AtomicReference<>();

        Feeder(String api, String token, int round) {
            this.api = api;
            this.token = token;
            this.round = round;
        }

        @Override
        public void run() {
            for (int body = 0; ; body++) {
                List<String> ids = new ArrayList<>(PER_BODY);
                for (int i = 0; i < PER_BODY; i++) {
                    ids.add("kill-" + round + "-" + (body * PER_BODY + i));
                }
                inFlight.set(ids);
                HttpResponse<String> answer;
                try {
                    answer = post(api, token, ids);
                } catch (IOException | InterruptedException killed) {
                    return; // the kill: this body stays unanswered
                }
                if (answer.statusCode() != 200) {
                    failure.set("body " + body + " answered " + answer.statusCode() + ": " + answer.body());
                    return;
                }
                acknowledged.addAll(ids);
                inFlight.set(List.of());
                answered.incrementAndGet();
            }
        }
    }

    private static HttpResponse<String> post(String api, String token, List<String> ids) throws IOException, InterruptedException {
        String body = ids.stream().map(KillLoopIT::event).collect(Collectors.joining("\n"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/events")).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Posts as a client should after a restart: a 503 (the log could not yet be read to its end, e.g. while the
     * broker ends a killed run's transaction) is posted again after its Retry-After, for up to 3 minutes.
     */
    private static HttpResponse<String> postUntilAnswered(String api, String token, List<String> ids) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long retryAfter = 0;
        while (true) {
            HttpResponse<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(api, token, ids);
                } catch (IOException | InterruptedException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, CompletableFuture.delayedExecutor(retryAfter, TimeUnit.SECONDS)).get();
            if (answer.statusCode() != 503 || System.nanoTime() > deadline) {
                assertThat(answer.statusCode()).as("the retried body's answer: " + answer.body()).isEqualTo(200);
                return answer;
            }
            System.out.println("KillLoopIT: the retried body was answered 503 (" + answer.body() + "); posting it again");
            retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElse("5"));
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String event(String id) {
        int n = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        return "{\"eventId\":\"" + id + "\",\"date\":\"2022-03-" + String.format("%02d", 1 + n % 28) + "\",\"conflict\":\"russia-ukraine\","
                + "\"actor\":\"" + (n % 2 == 0 ? "UKR" : "RUS") + "\",\"type\":\"NEGOTIATION_ROUND\",\"sources\":[\"kill-loop\"],\"confidence\":1.0}";
    }

    private static boolean feedTransactionOpen(Admin admin) throws Exception {
        return admin.listTransactions(new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
                .all().get().stream().anyMatch(t -> t.transactionalId().startsWith("ripeness-feed-"));
    }

    /** Per partition of the event log: records past its last stable offset (held back by an open transaction). */
    private static Map<Integer, Long> openTransactionsHoldBack(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            String topic = Topics.EVENTS.name();
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            var end = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
            var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            Map<Integer, Long> behind = new HashMap<>();
            end.forEach((p, info) -> behind.put(p.partition(), info.offset() - stable.get(p).offset()));
            return behind;
        }
    }

    /** eventId to where the committed records of the log that carry it sit (partition@offset). */
    private static Map<String, List<String>> eventIds(String bootstrap) {
        Map<String, List<String>> ids = new HashMap<>();
        var events = Topics.EVENTS.valueSerde().deserializer();
        TopicReader.readToEnd(Map.of("bootstrap.servers", bootstrap), Topics.EVENTS.name(), Duration.ofMinutes(2),
                r -> ids.computeIfAbsent(events.deserialize(Topics.EVENTS.name(), r.value()).getEventId(), id -> new ArrayList<>())
                        .add(r.partition() + "@" + r.offset()));
        return ids;
    }
}
