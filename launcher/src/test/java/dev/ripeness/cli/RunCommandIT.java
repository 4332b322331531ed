package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripeness.schema.Event;
import dev.ripeness.schema.Position;
import dev.ripeness.topics.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ripeness run` as a user starts it: the packaged jar, its own JVM, real ports and signals. */
@Tag("integration")
class RunCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepTheLogIntactAcrossStopAndStart() throws Exception {
        int kafkaPort = RipenessProcess.freePort();
        int httpPort = RipenessProcess.freePort();
        String[] args = {"run", "--empty", "--data-dir", dataDir.toString(),
                "--kafka-port", String.valueOf(kafkaPort), "--http-port", String.valueOf(httpPort)};
        String bootstrap = "127.0.0.1:" + kafkaPort;
        Event event = Event.newBuilder().setEventId("it-run-1").setDate("2022-03-29").setConflict("russia-ukraine")
                .setActor("UKR").setType("NEGOTIATION_ROUND").setSources(List.of("test")).setConfidence(1.0).build();

        try (RipenessProcess first = RipenessProcess.start(args)) {
            first.awaitLine("Ready", Duration.ofMinutes(2));
            assertThat(first.awaitLine("Dashboard:", Duration.ofSeconds(5))).contains("http://127.0.0.1:" + httpPort + "/");
            try (KafkaProducer<String, Event> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                    Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), event.getConflict(), event)).get();
            }
            assertThat(first.stop()).as("exit code after SIGTERM").isZero();
        }

        try (RipenessProcess second = RipenessProcess.start(args)) {
            second.awaitLine("Ready", Duration.ofMinutes(2));
            assertThat(readEvents(bootstrap)).extracting(Event::getEventId).containsExactly("it-run-1");
            assertThat(second.stop()).isZero();
        }
    }

    @Test
    void shouldTrackANewConflictGivenOnlyItsConfigurationFileAndEvents() throws Exception {
        // Given a conflict the release does not bundle, as one file in a directory
        Path conflicts = Files.createDirectories(dataDir.resolve("conflicts"));
        Files.writeString(conflicts.resolve("northland-southmark.json"), """
                {"id": "northland-southmark", "name": "Northland–Southmark test conflict", "start": "2030-01-01",
                 "actors": [{"code": "NOR", "name": "Northland", "role": "BELLIGERENT", "demandDirection": "UP"},
                            {"code": "SOU", "name": "Southmark", "role": "BELLIGERENT", "demandDirection": "DOWN"}],
                 "dimensions": [{"id": "border", "label": "Border line", "rungs": [
                     {"id": "bd-old", "label": "old border"}, {"id": "bd-valley", "label": "whole valley"}]}],
                 "fronts": [{"id": "river", "label": "River line"}]}
                """);
        int kafkaPort = RipenessProcess.freePort();
        int httpPort = RipenessProcess.freePort();
        String ripeness = "http://localhost:" + httpPort + "/api/conflicts/northland-southmark/ripeness";
        Event demand = Event.newBuilder().setEventId("ns-1").setDate("2030-02-01").setConflict("northland-southmark")
                .setActor("NOR").setType("DEMAND_STATED").setPositions(List.of(new Position("border", "bd-valley", null, null)))
                .setSources(List.of("test")).setConfidence(1.0).build();

        try (RipenessProcess run = RipenessProcess.start("run", "--empty", "--data-dir", dataDir.toString(),
                "--conflicts-dir", conflicts.toString(),
                "--kafka-port", String.valueOf(kafkaPort), "--http-port", String.valueOf(httpPort))) {
            run.awaitLine("Ready", Duration.ofMinutes(2));
            // When one of its events is fed
            try (KafkaProducer<String, Event> producer = new KafkaProducer<>(Map.of("bootstrap.servers", "127.0.0.1:" + kafkaPort),
                    Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), demand.getConflict(), demand)).get();
            }
            // Then the pipeline keeps its state like any bundled conflict's
            HttpClient http = HttpClient.newHttpClient();
            String body = await("assessment of the new conflict").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                    .until(() -> http.send(HttpRequest.newBuilder(URI.create(ripeness)).build(),
                            HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200).body();
            assertThat(body).contains("\"asOf\":\"2030-02-01\"").contains("\"eventCount\":1");
            assertThat(run.stop()).isZero();
        }
    }

    @Test
    void shouldBeReadyOnlyWhenCaughtUpAndPublishProgressAndDeadLettersInMetrics() throws Exception {
        int kafkaPort = RipenessProcess.freePort();
        int httpPort = RipenessProcess.freePort();
        String api = "http://127.0.0.1:" + httpPort;
        HttpClient http = HttpClient.newHttpClient();
        try (RipenessProcess run = RipenessProcess.start("run", "--empty", "--data-dir", dataDir.toString(),
                "--kafka-port", String.valueOf(kafkaPort), "--http-port", String.valueOf(httpPort))) {
            run.awaitLine("Ready", Duration.ofMinutes(2));
            // Given 300 events appended to the log behind the pipeline's back
            try (KafkaProducer<String, Event> producer = new KafkaProducer<>(Map.of("bootstrap.servers", "127.0.0.1:" + kafkaPort),
                    Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer())) {
                for (int i = 0; i < 300; i++) {
                    Event e = Event.newBuilder().setEventId("ready-" + i).setDate("2022-03-" + String.format("%02d", 1 + i % 28))
                            .setConflict("russia-ukraine").setActor("UKR").setType("NEGOTIATION_ROUND")
                            .setSources(List.of("test")).setConfidence(1.0).build();
                    producer.send(new ProducerRecord<>(Topics.EVENTS.name(), e.getConflict(), e));
                }
                producer.flush();
            }
            // and one bad record posted with the token
            String token = Files.readString(dataDir.resolve("api-token")).strip();
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(api + "/api/events"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[{\"eventId\":\"ready-bad\"}]")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(422);

            // Then the pipeline processes them all and /ready answers 200, with lag 0 (the probe reads
            // offsets at most once a second, so a 200 from just before the 300 arrived may still be served)
            await("ready: pipeline RUNNING and caught up").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                    .until(() -> gauge(http.send(HttpRequest.newBuilder(URI.create(api + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body(), "ripeness_pipeline_processed_records_total") >= 300
                            && http.send(HttpRequest.newBuilder(URI.create(api + "/ready")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            String metrics = http.send(HttpRequest.newBuilder(URI.create(api + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("ripeness_pipeline_lag_events 0", "ripeness_pipeline_running 1");
            assertThat(gauge(metrics, "ripeness_pipeline_processed_records_total")).isGreaterThanOrEqualTo(300);
            assertThat(gauge(metrics, "ripeness_dead_letters")).isGreaterThanOrEqualTo(1);
            assertThat(run.stop()).isZero();
        }
    }

    private static double gauge(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in /metrics"));
    }

    @Test
    void shouldNameTheTakenPortAndTheFlagThatChangesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             RipenessProcess process = RipenessProcess.start("run", "--empty", "--data-dir", dataDir.toString(),
                     "--kafka-port", String.valueOf(taken.getLocalPort()),
                     "--http-port", String.valueOf(RipenessProcess.freePort()))) {
            assertThat(process.waitForExit(Duration.ofMinutes(1))).isNotZero();
            assertThat(String.join("\n", process.stderr()))
                    .contains("port " + taken.getLocalPort())
                    .contains("--kafka-port");
        }
    }

    @Test
    void shouldNameTheTakenHttpPortAndTheFlagThatChangesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             RipenessProcess process = RipenessProcess.start("run", "--empty", "--data-dir", dataDir.toString(),
                     "--kafka-port", String.valueOf(RipenessProcess.freePort()),
                     "--http-port", String.valueOf(taken.getLocalPort()))) {
            assertThat(process.waitForExit(Duration.ofMinutes(1))).isNotZero();
            assertThat(String.join("\n", process.stderr()))
                    .contains("HTTP port " + taken.getLocalPort())
                    .contains("--http-port");
            // checked before anything started: no broker log, no state
            assertThat(dataDir.resolve("kafka")).doesNotExist();
            assertThat(dataDir.resolve("streams")).doesNotExist();
        }
    }

    @Test
    void shouldRefuseASecondRunOnTheSameDataDirAtOnceAndKeepTheFirstServing() throws Exception {
        int httpPort = RipenessProcess.freePort();
        try (RipenessProcess first = RipenessProcess.start("run", "--empty", "--data-dir", dataDir.toString(),
                "--kafka-port", String.valueOf(RipenessProcess.freePort()), "--http-port", String.valueOf(httpPort))) {
            first.awaitLine("Ready", Duration.ofMinutes(2));

            // When a second run is started on the same data dir (other ports)
            try (RipenessProcess second = RipenessProcess.start("run", "--empty", "--data-dir", dataDir.toString(),
                    "--kafka-port", String.valueOf(RipenessProcess.freePort()),
                    "--http-port", String.valueOf(RipenessProcess.freePort()))) {
                // Then it is refused with a message that names the dir, the holder and the fix
                assertThat(second.waitForExit(Duration.ofMinutes(1))).isNotZero();
                assertThat(String.join("\n", second.stderr()))
                        .contains("data dir " + dataDir.toAbsolutePath().normalize() + " is in use")
                        .contains("--data-dir");
                assertThat(second.stdout()).noneMatch(l -> l.contains("Ready"));
            }

            // And the first still serves
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(first.stop()).isZero();
        }
    }

    private static List<Event> readEvents(String bootstrap) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "group.id", "it-reader",
                "auto.offset.reset", "earliest", "isolation.level", "read_committed");
        try (KafkaConsumer<String, Event> consumer = new KafkaConsumer<>(config,
                Topics.EVENTS.keySerde().deserializer(), Topics.EVENTS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS.name()));
            List<Event> events = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (events.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach((ConsumerRecord<String, Event> r) -> events.add(r.value()));
            }
            return events;
        }
    }
}
