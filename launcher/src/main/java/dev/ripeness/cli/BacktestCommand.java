package dev.ripeness.cli;

import dev.ripeness.backtest.Backtest;
import dev.ripeness.backtest.BacktestReport;
import dev.ripeness.backtest.CalibrationCase;
import dev.ripeness.backtest.CalibrationSet;
import dev.ripeness.streams.model.ModelConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ripeness backtest}: the model over past wars with known outcomes, scored (docs/validation.md). */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the model over every labelled past conflict of the calibration set and prints, per case, "
                + "the first EMERGING and RIPE dates, the value on the settlement date, the lead and false alarms; "
                + "then hit rate, false-alarm rate and Brier score for the tuning set and the held-out set apart.",
                "No broker needed: the same model code the pipeline runs, in memory."})
public final class BacktestCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--cases", paramLabel = "DIR",
            description = "A directory of cases (one folder each: conflict.json, events.jsonl, case.json) instead of the bundled set.")
    Path casesDir;

    @Option(names = "--set", paramLabel = "SET", description = "Only TUNING or HOLDOUT cases (default: both, scored apart).")
    CalibrationCase.Set only;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        ModelConfig model = this.model.load();
        List<CalibrationCase> cases = casesDir == null ? CalibrationSet.bundled() : CalibrationSet.load(casesDir);
        if (only != null) {
            cases = cases.stream().filter(c -> c.label().set() == only).toList();
        }
        for (CalibrationCase c : cases) {
            c.rejected().forEach(r -> spec.commandLine().getErr().println("ripeness: " + c.id() + ": " + r + " (event left out)"));
        }
        BacktestReport report = Backtest.run(model, cases);
        spec.commandLine().getOut().print(json ? report.toJson() + "\n" : report.toText());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
