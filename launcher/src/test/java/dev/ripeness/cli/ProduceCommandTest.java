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
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestKafka.class)
class ProduceCommandTest {

    /** A real ACLED export (2016 layout, Africa), from the producers' fixtures (see PROVENANCE.md there). */
    private static final Path ACLED_2016 = Path.of("../producers/src/test/resources/importers/acled/acled-2016-legacy.csv");

    private static int run(ByteArrayOutputStream out, String... args) {
        return run(out, new ByteArrayOutputStream(), args);
    }

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        PrintStream old = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return Ripeness.commandLine().execute(args);
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
    }

    private static void topics() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            TopicAdmin.ensure(admin, Topics.all(), 1, (short) 1);
        }
    }

    @Test
    void shouldShowProgressAndFinishWhenA100000RowAcledFileIsProduced(@TempDir Path dir) throws Exception {
        // Given 100,000 ACLED rows: the real 2016 rows repeated, each copy with new event ids
        topics();
        List<String> records = records(Files.readString(ACLED_2016));
        StringBuilder big = new StringBuilder(records.get(0)).append('\n');
        int perCopy = records.size() - 1;
        for (int n = 0; n < 100_000; n++) {
            big.append(records.get(1 + n % perCopy).replaceFirst("RTA,", "RTA" + (n / perCopy) + ",")).append('\n');
        }
        Path file = dir.resolve("acled-100k.csv");
        Files.writeString(file, big);

        // When it is produced without --format
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(out, err, "produce", "--bootstrap-servers=" + TestKafka.bootstrapServers(), "--no-log-check",
                "--conflict", "russia-ukraine", file.toString());

        // Then progress lines come every 10,000 rows, and the summary counts every row, all filtered with their reason
        String progress = err.toString(StandardCharsets.UTF_8);
        assertThat(progress.lines().filter(l -> l.contains(" rows, ") && l.contains(" rows/s, ETA ")).count()).isEqualTo(10);
        assertThat(progress).contains("100,000 rows, ").contains("filtered 100000, rejected 0");
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("accepted 0, duplicates 0, filtered 100000, rejected 0")
                .contains("100000  country outside russia-ukraine (upstream.countries)");
    }

    @Test
    void shouldRefuseAFormatThatDoesNotFitTheHeaderAndSuggestTheOneThatDoes() {
        topics();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(out, err, "produce", "--bootstrap-servers=" + TestKafka.bootstrapServers(), "--no-log-check",
                "--format", "gdelt", "--conflict", "russia-ukraine", ACLED_2016.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not look like gdelt: its first line looks like acled; use --format acled");

        ByteArrayOutputStream upper = new ByteArrayOutputStream();
        assertThat(run(upper, "produce", "--bootstrap-servers=" + TestKafka.bootstrapServers(), "--no-log-check",
                "--format", "ACLED", "--conflict", "russia-ukraine", ACLED_2016.toString())).as("--format is case-insensitive").isZero();
        assertThat(upper.toString(StandardCharsets.UTF_8)).contains("accepted 0, duplicates 0, filtered 300, rejected 0");
    }

    /** Splits CSV text into records, keeping quoted line breaks inside their record. */
    private static List<String> records(String text) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '\n' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    @Test
    void shouldPrintSummaryAndExitNonZeroWhenALineIsRejectedAndCountDuplicatesOnSecondRun(@TempDir Path dir) throws Exception {
        // Given the pipeline's topics and a file with a good event, a bad date and the good event again
        topics();
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
