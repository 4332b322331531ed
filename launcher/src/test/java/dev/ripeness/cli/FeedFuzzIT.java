package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripeness.schema.Event;
import dev.ripeness.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fuzz corpus against a real `ripeness run`: bodies of generated bad records of every
 * class (broken JSON, nesting, unknown fields, wrong types, bad dates, unknown conflict or
 * actor, invalid UTF-8, control characters, conflicting re-posts, oversized and wrongly typed
 * bodies) with good ones among them. The server never answers 500, stays live, and every good
 * record is in the log exactly once.
 */
@Tag("integration")
class FeedFuzzIT {

    /** Bad records tried; docs/operations.md quotes it. */
    static final int BAD_RECORDS = 1_200;
    private static final int PER_BODY = 40;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void shouldSurviveEveryBadRecordAndWriteEveryGoodOneOnce() throws Exception {
        int kafkaPort = RipenessProcess.freePort();
        int httpPort = RipenessProcess.freePort();
        String api = "http://127.0.0.1:" + httpPort + "/api/events";
        try (RipenessProcess run = RipenessProcess.start("run", "--empty", "--data-dir", dataDir.toString(),
                "--kafka-port", String.valueOf(kafkaPort), "--http-port", String.valueOf(httpPort))) {
            run.awaitLine("Ready", Duration.ofMinutes(2));
            String token = Files.readString(dataDir.resolve("api-token")).strip();
            Random random = new Random(12);
            List<String> good = new ArrayList<>();
            Map<Integer, Integer> statuses = new HashMap<>();
            int bad = 0;
            int body = 0;
            while (bad < BAD_RECORDS) {
                // Given a body of bad records with two good ones (each good one posted twice, as a retry would)
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < PER_BODY; i++) {
                    if (i % 20 == 0) {
                        String id = "fuzz-good-" + good.size();
                        good.add(id);
                        lines.append(event(id, "2022-03-" + String.format("%02d", 1 + good.size() % 28), "UKR")).append('\n');
                    } else {
                        lines.append(badRecord(random, bad++)).append('\n');
                    }
                }
                byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
                if (body % 7 == 3) {
                    bytes = withInvalidUtf8(bytes);
                    bad++;
                }
                body++;
                for (int attempt = 0; attempt < 2; attempt++) {
                    // When it is posted
                    HttpResponse<String> answer = post(api, token, "application/x-ndjson", bytes);
                    // Then the server answers with a verdict per record, never a failure of its own
                    statuses.merge(answer.statusCode(), 1, Integer::sum);
                    assertThat(answer.statusCode()).as("status of body " + body + ": " + answer.body()).isIn(200, 207, 422);
                }
            }
            // Whole bodies the API refuses as such
            assertThat(post(api, token, "text/plain", event("fuzz-plain", "2022-03-01", "UKR").getBytes(StandardCharsets.UTF_8))
                    .statusCode()).isEqualTo(415);
            assertThat(post(api, token, "application/json", ("[" + "x".repeat(2 << 20) + "]").getBytes(StandardCharsets.UTF_8))
                    .statusCode()).isEqualTo(413);
            assertThat(post(api, token, "application/json", "[{\"eventId\": ".getBytes(StandardCharsets.UTF_8)).statusCode())
                    .isEqualTo(422);
            assertThat(post(api, null, "application/json", event("fuzz-anon", "2022-03-01", "UKR").getBytes(StandardCharsets.UTF_8))
                    .statusCode()).isEqualTo(401);

            // And the server is still live, and every good record is in the log exactly once
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            Map<String, Integer> inLog = eventIds("127.0.0.1:" + kafkaPort);
            assertThat(inLog.keySet()).containsAll(good);
            assertThat(inLog.entrySet()).allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(1));
            assertThat(inLog.keySet()).allMatch(id -> id.startsWith("fuzz-good-"));
            System.out.println("FeedFuzzIT: " + bad + " bad records in " + body + " bodies (each posted twice), "
                    + good.size() + " good records, statuses " + statuses + ", log holds " + inLog.size());
            assertThat(run.stop()).isZero();
        }
    }

    /** One bad record of one of the classes, by turn, varied by the random source. */
    private static String badRecord(Random random, int n) {
        String id = "fuzz-bad-" + n;
        return switch (n % 16) {
            case 0 -> "{\"eventId\": \"" + id + "\", \"date\": ";                                  // broken JSON
            case 1 -> "[".repeat(1_001 + random.nextInt(9_000)) + "]".repeat(10);                  // nesting past the limit
            case 2 -> event(id, "2022-03-01", "UKR").replace("\"actor\"", "\"actr\"");             // unknown field
            case 3 -> event(id, "2022-03-01", "UKR").replace("\"date\":\"2022-03-01\",", "");     // missing required
            case 4 -> event(id, "2022-02-" + (30 + random.nextInt(2)), "UKR");                     // not a date
            case 5 -> event(id, "2022-03-01", "UKR").replace("\"confidence\":1.0", "\"confidence\":\"high\""); // wrong type
            case 6 -> event(id, "2022-03-01", "UKR").replace("russia-ukraine", "atlantis");        // unknown conflict
            case 7 -> event(id, "2022-03-01", "XYZ");                                              // unknown actor
            case 8 -> String.valueOf(random.nextLong());                                           // not an object
            case 9 -> event(id, "2022-03-01", "UKR").replace("\"confidence\":1.0", "\"confidence\":" + (2 + random.nextInt(50))); // out of range
            case 10 -> event("fuzz-good-0", "2022-03-0" + (3 + random.nextInt(7)), "UKR");         // known id, other content
            case 11 -> event(id, "2022-03-01", "UKR").replace("NEGOTIATION_ROUND", "PARTY_" + random.nextInt(1000)); // unknown type
            case 12 -> "{\"eventId\": \"" + id + "\u0001\u0002\", \"date\": \"\u0000\"}";         // control characters
            case 13 -> "{\"eventId\": " + "9".repeat(2_000) + "}";                                 // huge number
            case 14 -> "\"" + "y".repeat(5_000 + random.nextInt(20_000)) + "\"";                   // long string, no object
            default -> "{}";                                                                       // empty object
        };
    }

    /** The body with two bytes that are no UTF-8 put at the start of its second line (a bad record's). */
    private static byte[] withInvalidUtf8(byte[] bytes) {
        byte[] out = new byte[bytes.length + 2];
        int at = new String(bytes, StandardCharsets.UTF_8).indexOf('\n') + 1;
        System.arraycopy(bytes, 0, out, 0, at);
        out[at] = (byte) 0xC3;
        out[at + 1] = (byte) 0x28; // 0xC3 0x28: not a UTF-8 sequence
        System.arraycopy(bytes, at, out, at + 2, bytes.length - at);
        return out;
    }

    private static String event(String id, String date, String actor) {
        return "{\"eventId\":\"" + id + "\",\"date\":\"" + date + "\",\"conflict\":\"russia-ukraine\",\"actor\":\"" + actor + "\","
                + "\"type\":\"NEGOTIATION_ROUND\",\"sources\":[\"fuzz\"],\"confidence\":1.0}";
    }

    private static HttpResponse<String> post(String api, String token, String type, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** eventId to how many records of the log carry it (read_committed, the whole log). */
    private static Map<String, Integer> eventIds(String bootstrap) {
        Map<String, Integer> ids = new HashMap<>();
        try (KafkaConsumer<String, Event> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", "read_committed"), Topics.EVENTS.keySerde().deserializer(), Topics.EVENTS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await("event log read to its end").atMost(Duration.ofMinutes(1)).until(() -> {
                for (ConsumerRecord<String, Event> r : consumer.poll(Duration.ofMillis(200))) {
                    ids.merge(r.value().getEventId(), 1, Integer::sum);
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return ids;
    }
}
