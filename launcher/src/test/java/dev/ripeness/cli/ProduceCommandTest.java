package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.topics.TopicAdmin;
import dev.ripeness.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestKafka.class)
class ProduceCommandTest {

    private static int run(ByteArrayOutputStream out, String... args) {
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return Ripeness.commandLine().execute(args);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void shouldPrintSummaryAndExitNonZeroWhenALineIsRejectedAndCountDuplicatesOnSecondRun(@TempDir Path dir) throws Exception {
        // Given the pipeline's topics and a file with a good event, a bad date and the good event again
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            TopicAdmin.ensure(admin, Topics.all(), 1, (short) 1);
        }
        String id = TestKafka.unique("cli-event");
        String good = "{\"eventId\":\"" + id + "\",\"date\":\"2022-02-24\",\"conflict\":\"russia-ukraine\",\"actor\":\"RUS\","
                + "\"type\":\"OFFENSIVE_LAUNCHED\",\"sources\":[\"test\"],\"confidence\":0.9}";
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, good + "\n" + good.replace(id, id + "-bad").replace("2022-02-24", "2022-02-30") + "\n" + good + "\n");
        String bootstrap = "--bootstrap-servers=" + TestKafka.bootstrapServers();

        // When it is produced
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = run(out, "produce", bootstrap, file.toString());
        // Then the summary names the outcome and the exit code says something was rejected
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("accepted 1, duplicates 1, filtered 0, rejected 1")
                .contains("line 2: field `date`: `2022-02-30` is not a date");

        // And when it is produced again, tolerating rejects, the event is a duplicate of the log
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(run(again, "produce", bootstrap, "--tolerate-rejects", file.toString())).isZero();
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("accepted 0, duplicates 2, filtered 0, rejected 1");
    }
}
