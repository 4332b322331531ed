package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.sinks.postgres.PostgresSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SinkOptionsTest {

    private static RunCommand parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run;
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
}
