package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.topics.TopicAdmin;
import dev.ripeness.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@ExtendWith(TestKafka.class)
class DeadLettersCommandTest {

    private static String run(int expectedExit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Ripeness.commandLine().execute(args)).as(String.join(" ", args)).isEqualTo(expectedExit);
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldListGroupAndRedriveDeadLettersIdempotentlyOnceTheirCauseIsFixed(@TempDir Path dir) throws Exception {
        // Given an event of a conflict the catalog does not know yet, fed and dead-lettered
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            TopicAdmin.ensure(admin, Topics.all(), 1, (short) 1);
        }
        String bootstrap = "--bootstrap-servers=" + TestKafka.bootstrapServers();
        String conflict = TestKafka.unique("dlq-war").toLowerCase().replaceAll("[^a-z0-9-]", "-");
        String id = TestKafka.unique("dlq-event");
        Path file = dir.resolve("later.jsonl");
        Files.writeString(file, "{\"eventId\":\"" + id + "\",\"date\":\"2022-02-24\",\"conflict\":\"" + conflict + "\",\"actor\":\"RUS\","
                + "\"type\":\"OFFENSIVE_LAUNCHED\",\"sources\":[\"test\"],\"confidence\":0.9}\n");
        Instant before = Instant.now().minusSeconds(1);
        run(1, "produce", bootstrap, file.toString());

        // When the dead letters since then are listed, with their originals, and grouped by field
        String list = run(0, "dead-letters", bootstrap, "--since", before.toString(), "--original", "--limit", "0");
        String grouped = run(0, "dead-letters", bootstrap, "--since", before.toString(), "--group-by", "origin", "--json");

        // Then the letter names its place, field and reason, shows the line, and the group counts it
        assertThat(list).contains("file " + file + " line 1").contains("field conflict").contains(conflict)
                .contains("original: {\"eventId\":\"" + id + "\"");
        assertThat(grouped).contains("\"key\" : \"file " + file + "\"").contains("\"count\" : 1");

        // And when the conflict file exists and the letters are redriven, the event is accepted once, then a duplicate
        try (InputStream in = DeadLettersCommandTest.class.getClassLoader().getResourceAsStream("conflicts/russia-ukraine.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceFirst("\"id\": \"russia-ukraine\"", "\"id\": \"" + conflict + "\"");
            Files.writeString(dir.resolve(conflict + ".json"), json);
        }
        String first = run(0, "dead-letters", bootstrap, "--since", before.toString(), "--redrive", "--conflicts-dir", dir.toString());
        String second = run(0, "dead-letters", bootstrap, "--since", before.toString(), "--redrive", "--conflicts-dir", dir.toString());
        assertThat(first).contains("accepted 1, duplicates 0");
        assertThat(second).contains("accepted 0, duplicates 1");
    }

    @Test
    void shouldReadAgesDatesAndInstantsAsSince() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        assertThat(DeadLettersCommand.parseSince("24h", now)).isEqualTo("2026-11-29T12:00:00Z");
        assertThat(DeadLettersCommand.parseSince("90m", now)).isEqualTo("2026-11-30T10:30:00Z");
        assertThat(DeadLettersCommand.parseSince("2026-11-01", now)).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(DeadLettersCommand.parseSince("2026-11-30T11:00:00Z", now)).isEqualTo("2026-11-30T11:00:00Z");
    }
}
