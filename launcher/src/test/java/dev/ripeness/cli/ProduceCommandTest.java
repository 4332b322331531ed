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
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@ExtendWith(TestKafka.class)
class ProduceCommandTest {

    /** Real ACLED exports from the producers' fixtures (see PROVENANCE.md there): 2016 layout, Africa; current layout, Ukraine. */
    private static final Path ACLED_2016 = Path.of("../producers/src/test/resources/importers/acled/acled-2016-legacy.csv");
    private static final Path ACLED_UKRAINE = Path.of("../producers/src/test/resources/importers/acled/acled-ukraine-2022-2024.csv");

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
        // Given 100,000 ACLED rows: the 155 real Ukraine rows repeated, each copy with new event ids, fed to a copy of
        // the bundled conflict under its own id so that the shared test broker's russia-ukraine state is left alone
        topics();
        String conflict = TestKafka.unique("acled-100k").toLowerCase().replaceAll("[^a-z0-9-]", "-");
        try (InputStream in = ProduceCommandTest.class.getClassLoader().getResourceAsStream("conflicts/russia-ukraine.json")) {
            Files.writeString(dir.resolve(conflict + ".json"), new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceFirst("\"id\": \"russia-ukraine\"", "\"id\": \"" + conflict + "\""));
        }
        List<String> records = records(Files.readString(ACLED_UKRAINE));
        StringBuilder big = new StringBuilder(records.get(0)).append('\n');
        int perCopy = records.size() - 1;
        for (int n = 0; n < 100_000; n++) {
            big.append(records.get(1 + n % perCopy).replaceFirst("^UKR", "UKR" + (n / perCopy) + "-")).append('\n');
        }
        Path file = dir.resolve("acled-100k.csv");
        Files.writeString(file, big);

        // When it is produced without --format
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(out, err, "produce", "--bootstrap-servers=" + TestKafka.bootstrapServers(), "--no-log-check",
                "--conflicts-dir", dir.toString(), "--conflict", conflict, file.toString());

        // Then progress lines come every 10,000 rows, and every row is accepted or filtered with its reason, none rejected
        String progress = err.toString(StandardCharsets.UTF_8);
        assertThat(progress.lines().filter(l -> l.contains(" rows, ") && l.contains(" rows/s, ETA ")).count()).isEqualTo(10);
        assertThat(progress).contains("100,000 rows, ").contains("rejected 0");
        assertThat(code).isZero();
        String summary = out.toString(StandardCharsets.UTF_8);
        java.util.regex.Matcher counts = java.util.regex.Pattern
                .compile("accepted (\\d+), duplicates 0, filtered (\\d+), rejected 0").matcher(summary);
        assertThat(counts.find()).as(summary).isTrue();
        assertThat(Long.parseLong(counts.group(1)) + Long.parseLong(counts.group(2))).isEqualTo(100_000);
        assertThat(Long.parseLong(counts.group(1))).isGreaterThan(80_000);
        assertThat(summary).contains("strategic development the model does not read");
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
