package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ripeness backtest} as a user runs it: no broker, the bundled calibration set. */
class BacktestCommandTest {

    @Test
    void shouldScoreTheHeldOutCasesApartAndPrintJsonWhenAsked() throws Exception {
        CommandLine cli = Ripeness.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));

        int code = cli.execute("backtest", "--set", "HOLDOUT", "--json");

        assertThat(code).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.path("modelVersion").asText()).isEqualTo("ripeness-model-2");
        assertThat(report.path("cases")).isNotEmpty().allSatisfy(c -> assertThat(c.path("set").asText()).isEqualTo("HOLDOUT"));
        assertThat(report.path("scores").path("HOLDOUT").path("settlements").asInt()).isPositive();
    }

    @Test
    void shouldPrintOneLinePerCaseAndTheScoresOfBothSets() {
        CommandLine cli = Ripeness.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("backtest")).isZero();

        assertThat(out.toString()).contains("el-salvador", "sri-lanka", "TUNING", "HOLDOUT", "found");
    }
}
