package dev.ripeness.cli;

import dev.ripeness.sinks.files.FileSink;
import dev.ripeness.sinks.postgres.PostgresSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The sink flags of {@code run}: each sink starts when its flag is given. */
public final class SinkOptions {

    @Option(names = "--sink-postgres", arity = "0..1", paramLabel = "JDBC_URL", fallbackValue = "",
            description = "Also mirror the state topics into PostgreSQL (tables created and migrated by the sink). "
                    + "Without a value: $RIPENESS_JDBC_URL, else " + PostgresSettings.DEFAULT_URL
                    + ". User and password from $RIPENESS_DB_USER and $RIPENESS_DB_PASSWORD.")
    String postgres;

    @Option(names = "--sink-files", paramLabel = "DIR",
            description = "Also write the state topics under DIR as JSONL and CSV (log/ and current/), for notebooks.")
    Path files;

    @Option(names = "--sink-files-compression", paramLabel = "auto|none|gzip", defaultValue = FileSink.LogCompression.DEFAULT,
            description = "How --sink-files writes its change logs: NONE (plain text), GZIP (log/<topic>.jsonl.gz and "
                    + ".csv.gz, one gzip member per batch, about a twelfth of the size) or AUTO (the format of the logs "
                    + "already in DIR, GZIP for a new one; default: ${DEFAULT-VALUE}).")
    FileSink.LogCompression filesCompression;

    /** PostgreSQL settings when {@code --sink-postgres} was given, else null. */
    public PostgresSettings postgres() {
        if (postgres == null) {
            return null;
        }
        PostgresSettings env = PostgresSettings.fromEnvironment();
        return postgres.isBlank() ? env : env.withUrl(postgres);
    }

    /** The file sink's directory when {@code --sink-files} was given, else null. */
    public Path files() {
        return files == null ? null : files.toAbsolutePath().normalize();
    }

    /** How the file sink writes its change logs. */
    public FileSink.LogCompression filesCompression() {
        return filesCompression;
    }
}
