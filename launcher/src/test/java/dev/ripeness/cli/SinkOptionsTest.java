package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.sinks.files.FileSink;
import dev.ripeness.sinks.postgres.PostgresSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SinkOptionsTest {

    /** {@code ripeness run ARGS} parsed by the configured command line. */
    private static RunCommand parse(String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "run";
        System.arraycopy(args, 0, line, 1, args.length);
        CommandLine.ParseResult parsed = Ripeness.commandLine().parseArgs(line);
        return (RunCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void shouldStartNoSinkWhenNoSinkFlagIsGiven() {
        RunCommand run = parse();
        assertThat(run.sinks.postgres()).isNull();
        assertThat(run.sinks.files()).isNull();
    }

    @Test
    void shouldUseTheGivenUrlWhenSinkPostgresHasAValue() {
        RunCommand run = parse("--sink-postgres", "jdbc:postgresql://db:5432/x", "--empty");
        assertThat(run.sinks.postgres().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/x");
        assertThat(run.empty).isTrue();
    }

    @Test
    void shouldFallBackToTheEnvironmentOrDefaultUrlWhenSinkPostgresHasNoValue() {
        RunCommand run = parse("--sink-postgres", "--sink-files", "out");
        String expected = System.getenv().getOrDefault(PostgresSettings.ENV_URL, PostgresSettings.DEFAULT_URL);
        assertThat(run.sinks.postgres().jdbcUrl()).isEqualTo(expected);
        assertThat(run.sinks.files()).isEqualTo(Path.of("out").toAbsolutePath());
    }

    @Test
    void shouldLetTheDirectoryChooseTheLogFormatUnlessOneIsAskedInEitherCase() {
        assertThat(parse("--sink-files", "out").sinks.filesCompression()).isEqualTo(FileSink.LogCompression.AUTO);
        assertThat(parse("--sink-files", "out", "--sink-files-compression", "none").sinks.filesCompression())
                .isEqualTo(FileSink.LogCompression.NONE);
        assertThat(parse("--sink-files", "out", "--sink-files-compression", "gzip").sinks.filesCompression())
                .isEqualTo(FileSink.LogCompression.GZIP);
        assertThat(parse("--sink-files", "out", "--sink-files-compression", "GZIP").sinks.filesCompression())
                .isEqualTo(FileSink.LogCompression.GZIP);
    }
}
