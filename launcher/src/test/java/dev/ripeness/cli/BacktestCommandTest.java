package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ripeness backtest} as a user runs it: no broker, cases from a directory. The directory
 * holds three cases copied from the bundled set (two tuning, one held out), so the command runs
 * the model over a few cases; the whole bundled set is scored in the backtest module's own tests.
 */
class BacktestCommandTest {

    private static final String[] CASES = {"el-salvador", "sri-lanka", "mozambique"};

    @Test
    void shouldPrintOneLinePerCaseAndBothSetsAsTextAndOnlyTheAskedSetAsJson(@TempDir Path cases) throws Exception {
        // Given
        copyBundled(cases);

        // When
        StringWriter text = new StringWriter();
        int textCode = command(text).execute("backtest", "--cases", cases.toString());
        StringWriter json = new StringWriter();
        int jsonCode = command(json).execute("backtest", "--cases", cases.toString(), "--set", "HOLDOUT", "--json");

        // Then
        assertThat(textCode).isZero();
        assertThat(text.toString()).contains("el-salvador", "sri-lanka", "TUNING", "HOLDOUT", "found");
        assertThat(jsonCode).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toString());
        assertThat(report.path("modelVersion").asText()).isEqualTo("ripeness-model-2");
        assertThat(report.path("cases")).isNotEmpty().allSatisfy(c -> assertThat(c.path("set").asText()).isEqualTo("HOLDOUT"));
        assertThat(report.path("scores").path("HOLDOUT").path("settlements").asInt()).isPositive();
    }

    private static CommandLine command(StringWriter out) {
        CommandLine cli = Ripeness.commandLine();
        cli.setOut(new PrintWriter(out));
        return cli;
    }

    /** Copies the chosen cases of the bundled calibration set (on the class path) into {@code dir}. */
    private static void copyBundled(Path dir) throws IOException {
        for (String id : CASES) {
            Path folder = Files.createDirectory(dir.resolve(id));
            for (String file : new String[] {"conflict.json", "events.jsonl", "case.json"}) {
                try (InputStream in = BacktestCommandTest.class.getClassLoader().getResourceAsStream("calibration/" + id + "/" + file)) {
                    assertThat(in).as("bundled calibration/%s/%s", id, file).isNotNull();
                    Files.copy(in, folder.resolve(file));
                }
            }
        }
    }
}
