package dev.ripeness.sinks.files;

import static dev.ripeness.sinks.TestStates.assessment;
import static dev.ripeness.sinks.TestStates.front;
import static dev.ripeness.sinks.TestStates.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.schema.json.AvroJson;
import dev.ripeness.sinks.SinkTopics;
import dev.ripeness.sinks.StateKind;
import dev.ripeness.sinks.TestStates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@ExtendWith(TestKafka.class)
class FileSinkTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldWriteTheLogAndTheCurrentSnapshotAsJsonlAndCsvWhenStateChanges() throws Exception {
        // Given a file sink on fresh topics
        SinkTopics topics = TestStates.uniqueTopics();
        String group = TestKafka.unique("files");
        try (FileSink sink = FileSink.start(dir, TestStates.kafkaConfig(), topics, group, FileSink.LogCompression.NONE)) {
            // When two dates arrive, the first is revised, and the second is deleted
            send(topics, StateKind.ASSESSMENT_TIMELINE, "x|2024-01-02", assessment("x", "2024-01-02", 0.3, "UNRIPE"));
            send(topics, StateKind.ASSESSMENT_TIMELINE, "x|2024-01-01", assessment("x", "2024-01-01", 0.2, "UNRIPE"));
            send(topics, StateKind.ASSESSMENT_TIMELINE, "x|2024-01-01", assessment("x", "2024-01-01", 0.6, "EMERGING"));
            send(topics, StateKind.ASSESSMENT_TIMELINE, "x|2024-01-02", null);
            await("four changes stored").atMost(WAIT).until(() -> sink.reader().storedChanges() == 4);
        }

        // Then the log holds every change in order, tombstone included
        List<String> log = lines(FileSink.logJsonl(dir, StateKind.ASSESSMENT_TIMELINE, FileSink.LogCompression.NONE));
        assertThat(log).hasSize(4);
        JsonNode revised = AvroJson.MAPPER.readTree(log.get(2));
        assertThat(revised.get("key").asText()).isEqualTo("x|2024-01-01");
        assertThat(revised.get("offset").asLong()).isEqualTo(2);
        assertThat(revised.get("value").get("band").asText()).isEqualTo("EMERGING");
        JsonNode tombstone = AvroJson.MAPPER.readTree(log.get(3));
        assertThat(tombstone.get("deleted").asBoolean()).isTrue();
        assertThat(tombstone.get("value").isNull()).isTrue();

        // And the current snapshot holds only the surviving key with its latest value
        List<String> current = lines(FileSink.currentJsonl(dir, StateKind.ASSESSMENT_TIMELINE));
        assertThat(current).hasSize(1);
        JsonNode only = AvroJson.MAPPER.readTree(current.get(0));
        assertThat(only.get("key").asText()).isEqualTo("x|2024-01-01");
        assertThat(only.get("ripeness").asDouble()).isEqualTo(0.6);
        assertThat(only.at("/actors/AAA/demandIndex").asDouble()).isEqualTo(0.8);

        // And the CSVs carry a header and the typed columns only: the whole record stays in the JSONL
        List<String> csv = lines(FileSink.currentCsv(dir, StateKind.ASSESSMENT_TIMELINE));
        assertThat(csv.get(0)).isEqualTo("key,conflict,as_of,model_version,ripeness,band,pathway,mhs,way_out,demand_gap,zopa,"
                + "catastrophe,opportunity,mediator,mediator_stance,mediator_reversals,event_count,last_event_id");
        assertThat(csv).hasSize(2);
        assertThat(csv.get(1)).isEqualTo("x|2024-01-01,x,2024-01-01,test-1,0.6,EMERGING,NONE,0.6,0.3,0.7,NO,0.1,0.2,MED,0.0,1,42,evt-42");
        List<String> logCsv = lines(FileSink.logCsv(dir, StateKind.ASSESSMENT_TIMELINE, FileSink.LogCompression.NONE));
        assertThat(logCsv).hasSize(5);
        assertThat(logCsv.get(0)).isEqualTo("key,partition,offset,deleted,conflict,as_of,model_version,ripeness,band,pathway,"
                + "mhs,way_out,demand_gap,zopa,catastrophe,opportunity,mediator,mediator_stance,mediator_reversals,event_count,last_event_id");
        assertThat(logCsv.get(3)).isEqualTo("x|2024-01-01,0,2,false,x,2024-01-01,test-1,0.6,EMERGING,NONE,0.6,0.3,0.7,NO,0.1,0.2,MED,0.0,1,42,evt-42");
        assertThat(logCsv.get(4)).isEqualTo("x|2024-01-02,0,3,true,,,,,,,,,,,,,,,,,");
    }

    private static List<String> gunzippedLines(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    @Test
    void shouldWriteTheSameLogsAsGzipMembersByDefaultInANewDirectory() throws Exception {
        // Given a file sink with the default compression (AUTO) in a new directory, on fresh topics
        SinkTopics topics = TestStates.uniqueTopics();
        String group = TestKafka.unique("files");
        try (FileSink sink = FileSink.start(dir, TestStates.kafkaConfig(), topics, group)) {
            assertThat(sink.logCompression()).isEqualTo(FileSink.LogCompression.GZIP);
            // When changes arrive in two batches
            send(topics, StateKind.ASSESSMENT_TIMELINE, "x|2024-01-01", assessment("x", "2024-01-01", 0.2, "UNRIPE"));
            await("first change stored").atMost(WAIT).until(() -> sink.reader().storedChanges() == 1);
            send(topics, StateKind.ASSESSMENT_TIMELINE, "x|2024-01-01", assessment("x", "2024-01-01", 0.6, "EMERGING"));
            await("second change stored").atMost(WAIT).until(() -> sink.reader().storedChanges() == 2);
        }

        // Then the logs are gzip only, and read back as one file: every change in order, the CSV header once
        assertThat(FileSink.logJsonl(dir, StateKind.ASSESSMENT_TIMELINE, FileSink.LogCompression.NONE)).doesNotExist();
        List<String> log = gunzippedLines(FileSink.logJsonl(dir, StateKind.ASSESSMENT_TIMELINE, FileSink.LogCompression.GZIP));
        assertThat(log).hasSize(2);
        assertThat(AvroJson.MAPPER.readTree(log.get(1)).at("/value/band").asText()).isEqualTo("EMERGING");
        List<String> csv = gunzippedLines(FileSink.logCsv(dir, StateKind.ASSESSMENT_TIMELINE, FileSink.LogCompression.GZIP));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("key,partition,offset,deleted,");
        assertThat(csv.get(2)).startsWith("x|2024-01-01,0,1,false,x,2024-01-01,test-1,0.6,EMERGING,");
        // And the current snapshot stays plain text
        assertThat(lines(FileSink.currentJsonl(dir, StateKind.ASSESSMENT_TIMELINE))).hasSize(1);
    }

    @Test
    void shouldCutABatchTornByACrashBeforeWritingAgain() throws Exception {
        // Given a log whose last batch was torn by a crash: its recorded whole length ends before the torn line
        SinkTopics topics = TestStates.uniqueTopics();
        String group = TestKafka.unique("files");
        Path log = FileSink.logJsonl(dir, StateKind.FRONT_INDICATORS, FileSink.LogCompression.NONE);
        Files.createDirectories(log.getParent());
        String whole = "{\"key\":\"earlier\"}\n";
        Files.writeString(log, whole + "{\"key\":\"x|nor");
        Files.writeString(log.resolveSibling(FileSink.LENGTHS), log.getFileName() + "=" + whole.length() + "\n");

        // When the sink starts (the default compression keeps the plain logs it finds) and the batch's change arrives again
        try (FileSink sink = FileSink.start(dir, TestStates.kafkaConfig(), topics, group)) {
            assertThat(sink.logCompression()).isEqualTo(FileSink.LogCompression.NONE);
            send(topics, StateKind.FRONT_INDICATORS, "x|north|AAA", front("x", "north", "AAA", "2024-01-01", 0.1));
            await("front stored").atMost(WAIT).until(() -> sink.reader().storedChanges() == 1);
        }

        // Then the torn line is gone and every line is whole JSON
        List<String> lines = lines(log);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"key\":\"earlier\"}");
        assertThat(AvroJson.MAPPER.readTree(lines.get(1)).get("key").asText()).isEqualTo("x|north|AAA");
    }

    @Test
    void shouldCutABatchThatFailedPartWayBeforeItIsRetried() throws Exception {
        // Given a sink whose CSV log cannot be written (a directory stands in its place): each batch's
        // JSONL line is written, then the CSV append fails and the batch is retried
        SinkTopics topics = TestStates.uniqueTopics();
        String group = TestKafka.unique("files");
        Path blocked = FileSink.logCsv(dir, StateKind.FRONT_INDICATORS, FileSink.LogCompression.NONE);
        Files.createDirectories(blocked);
        try (FileSink sink = FileSink.start(dir, TestStates.kafkaConfig(), topics, group, FileSink.LogCompression.NONE)) {
            send(topics, StateKind.FRONT_INDICATORS, "x|north|AAA", front("x", "north", "AAA", "2024-01-01", 0.1));
            await("the batch failed").atMost(WAIT).until(() -> sink.reader().lastFailure().isPresent());

            // When the obstacle goes and the retry succeeds
            Files.delete(blocked);
            await("front stored").atMost(WAIT).until(() -> sink.reader().storedChanges() == 1);
        }

        // Then the JSONL log holds the change once: the failed attempts' lines were cut back
        List<String> log = lines(FileSink.logJsonl(dir, StateKind.FRONT_INDICATORS, FileSink.LogCompression.NONE));
        assertThat(log).hasSize(1);
        assertThat(AvroJson.MAPPER.readTree(log.get(0)).get("key").asText()).isEqualTo("x|north|AAA");
        assertThat(lines(blocked)).hasSize(2);
    }

    @Test
    void shouldApplyWhatTheCurrentFilesMissedWhenRestartedAfterACrash() throws Exception {
        // Given a sink that rewrites current/ at most once an hour: after its first batch, not again
        SinkTopics topics = TestStates.uniqueTopics();
        String group = TestKafka.unique("files");
        FileSink crashed = FileSink.start(dir, TestStates.kafkaConfig(), topics, group, FileSink.LogCompression.GZIP,
                Duration.ofHours(1).toMillis());
        send(topics, StateKind.ASSESSMENT_TIMELINE, "x|2024-01-01", assessment("x", "2024-01-01", 0.2, "UNRIPE"));
        await("first change stored").atMost(WAIT).until(() -> crashed.reader().storedChanges() == 1);
        send(topics, StateKind.ASSESSMENT_TIMELINE, "x|2024-01-01", assessment("x", "2024-01-01", 0.6, "EMERGING"));
        send(topics, StateKind.ASSESSMENT_TIMELINE, "x|2024-01-02", assessment("x", "2024-01-02", 0.3, "UNRIPE"));
        await("three changes stored").atMost(WAIT).until(() -> crashed.reader().storedChanges() == 3);
        List<String> before = lines(FileSink.currentJsonl(dir, StateKind.ASSESSMENT_TIMELINE));
        assertThat(before).hasSize(1);
        assertThat(AvroJson.MAPPER.readTree(before.get(0)).get("ripeness").asDouble()).isEqualTo(0.2);

        // When it stops without rewriting current/ (a crash) and starts again
        crashed.stopAsIfCrashed();
        try (FileSink sink = FileSink.start(dir, TestStates.kafkaConfig(), topics, group, FileSink.LogCompression.GZIP)) {
            // Then, before anything new arrives, current/ holds the changes stored in the log after its last rewrite
            List<String> current = lines(FileSink.currentJsonl(dir, StateKind.ASSESSMENT_TIMELINE));
            assertThat(current).hasSize(2);
            assertThat(AvroJson.MAPPER.readTree(current.get(0)).get("ripeness").asDouble()).isEqualTo(0.6);
            assertThat(AvroJson.MAPPER.readTree(current.get(1)).get("key").asText()).isEqualTo("x|2024-01-02");
            assertThat(sink.reader().storedChanges()).isZero();
        }
        // And the log was not written twice
        assertThat(gunzippedLines(FileSink.logJsonl(dir, StateKind.ASSESSMENT_TIMELINE, FileSink.LogCompression.GZIP)))
                .hasSize(3);
    }

    @Test
    void shouldKeepTheSnapshotAndResumeWhenRestarted() throws Exception {
        // Given a sink with plain logs that stored one front and stopped
        SinkTopics topics = TestStates.uniqueTopics();
        String group = TestKafka.unique("files");
        try (FileSink sink = FileSink.start(dir, TestStates.kafkaConfig(), topics, group, FileSink.LogCompression.NONE)) {
            send(topics, StateKind.FRONT_INDICATORS, "x|north|AAA", front("x", "north", "AAA", "2024-01-01", 0.1));
            await("first front stored").atMost(WAIT).until(() -> sink.reader().storedChanges() == 1);
        }

        // When it starts again in the same group, with the default compression, and another front arrives
        try (FileSink sink = FileSink.start(dir, TestStates.kafkaConfig(), topics, group)) {
            send(topics, StateKind.FRONT_INDICATORS, "x|south, east|AAA", front("x", "south, east", "AAA", "2024-01-02", -0.5));
            await("second front stored").atMost(WAIT).until(() -> sink.reader().storedChanges() == 1);
        }

        // Then the snapshot holds both (reloaded, not re-read), sorted by key, and the plain log goes on, with no duplicate
        List<String> csv = lines(FileSink.currentCsv(dir, StateKind.FRONT_INDICATORS));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).isEqualTo("key,conflict,front,actor,as_of,model_version,momentum,siege_days,"
                + "time_to_goal_years,tactical_stalemate,strategic_stalemate");
        assertThat(csv.get(1)).isEqualTo("x|north|AAA,x,north,AAA,2024-01-01,test-1,0.1,,12.5,true,false");
        assertThat(csv.get(2)).isEqualTo("\"x|south, east|AAA\",x,\"south, east\",AAA,2024-01-02,test-1,-0.5,,12.5,true,false");
        assertThat(lines(FileSink.logJsonl(dir, StateKind.FRONT_INDICATORS, FileSink.LogCompression.NONE))).hasSize(2);
        assertThat(FileSink.logJsonl(dir, StateKind.FRONT_INDICATORS, FileSink.LogCompression.GZIP)).doesNotExist();
    }
}
