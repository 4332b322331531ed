package dev.ripeness.cli;

import dev.ripeness.sinks.SinkTopics;
import dev.ripeness.sinks.files.FileSink;
import dev.ripeness.sinks.postgres.PostgresSettings;
import dev.ripeness.sinks.postgres.PostgresSink;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ripeness sink}: runs one sink on its own against any cluster until Ctrl-C. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Mirror the state topics of a running pipeline into PostgreSQL or files, until Ctrl-C.",
                "Each sink reads in its own consumer group and commits only what it has stored, so it resumes where it stopped."},
        subcommands = {SinkCommand.Postgres.class, SinkCommand.Files.class, CommandLine.HelpCommand.class})
public final class SinkCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ripeness sink postgres}. */
    @Command(name = "postgres", mixinStandardHelpOptions = true,
            description = {"Upsert the state topics into PostgreSQL tables (actor_demand, demand_gap, front_indicators, "
                    + "assessment, assessment_timeline), keyed like the topics; tombstones delete rows.",
                    "Creates the database when missing (if allowed) and migrates its schema itself."})
    static final class Postgres implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Mixin
        VerboseOption verbose;

        @Option(names = "--jdbc-url", paramLabel = "URL",
                defaultValue = "${env:" + PostgresSettings.ENV_URL + ":-" + PostgresSettings.DEFAULT_URL + "}",
                description = "Database to write (env " + PostgresSettings.ENV_URL + "; default: " + PostgresSettings.DEFAULT_URL + ").")
        String jdbcUrl;

        @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:" + PostgresSettings.ENV_USER + "}",
                description = "Database user (env " + PostgresSettings.ENV_USER + "; default: the driver's).")
        String user;

        @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:" + PostgresSettings.ENV_PASSWORD + "}",
                description = "Database password (env " + PostgresSettings.ENV_PASSWORD + ", preferred over the flag, which shows in `ps`).")
        String password;

        @Option(names = "--group-id", defaultValue = PostgresSink.DEFAULT_GROUP, paramLabel = "ID",
                description = "Consumer group; a new group starts from the beginning of the topics (default: ${DEFAULT-VALUE}).")
        String groupId;

        @Override
        public Integer call() throws Exception {
            verbose.apply();
            PostgresSettings settings;
            try {
                settings = new PostgresSettings(jdbcUrl, user, password);
            } catch (IllegalArgumentException e) {
                throw new UserException("--jdbc-url: " + e.getMessage());
            }
            PostgresSink sink;
            try {
                sink = PostgresSink.start(settings, kafka.checkedClientConfig(kafka.bootstrap("localhost:9092")), SinkTopics.defaults(), groupId);
            } catch (SQLException e) {
                throw new UserException(e.getMessage());
            }
            System.out.println("PostgreSQL sink: " + settings.safeUrl() + " (group " + groupId + "). Press Ctrl-C to stop.");
            return runUntilStopped(sink);
        }
    }

    /** {@code ripeness sink files}. */
    @Command(name = "files", mixinStandardHelpOptions = true,
            description = {"Write the state topics as JSONL and CSV under a directory: log/<topic>.jsonl.gz|csv.gz (every change, appended; "
                    + "plain .jsonl|csv with --log-compression none) "
                    + "and current/<topic>.jsonl|csv (current value per key, rewritten at most once a second, and when idle or stopping)."})
    static final class Files implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Mixin
        VerboseOption verbose;

        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Directory to write (created when missing).")
        Path dir;

        @Option(names = "--group-id", defaultValue = FileSink.DEFAULT_GROUP, paramLabel = "ID",
                description = "Consumer group; a new group starts from the beginning of the topics (default: ${DEFAULT-VALUE}).")
        String groupId;

        @Option(names = "--log-compression", paramLabel = "auto|none|gzip", defaultValue = FileSink.LogCompression.DEFAULT,
                description = "NONE: plain log/<topic>.jsonl|csv; GZIP: log/<topic>.jsonl.gz|csv.gz, one gzip member per batch "
                        + "(zcat, pandas and DuckDB read them; about a twelfth of the size); AUTO: the format of the logs "
                        + "already in --dir, GZIP for a new one. Default: ${DEFAULT-VALUE}.")
        FileSink.LogCompression compression;

        @Override
        public Integer call() throws Exception {
            verbose.apply();
            Path target = dir.toAbsolutePath().normalize();
            FileSink sink;
            try {
                sink = FileSink.start(target, kafka.checkedClientConfig(kafka.bootstrap("localhost:9092")), SinkTopics.defaults(), groupId,
                        compression);
            } catch (IOException e) {
                throw new UserException("cannot write to --dir " + target + ": " + e.getMessage());
            }
            System.out.println("File sink: " + target + " (group " + groupId + "). Press Ctrl-C to stop.");
            return runUntilStopped(sink);
        }
    }

    private static int runUntilStopped(AutoCloseable sink) throws InterruptedException {
        // As in `run`: Ctrl-C and SIGTERM end the wait so the sink commits and closes in order
        // and the exit code is 0; the hook covers any other way the JVM goes down.
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTermination(stop::countDown);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(sink), "ripeness-sink-shutdown"));
        System.out.flush();
        stop.await();
        close(sink);
        return 0;
    }

    private static void close(AutoCloseable sink) {
        try {
            sink.close();
        } catch (Exception e) {
            System.err.println("ripeness: error while stopping the sink: " + e.getMessage());
        }
    }
}
