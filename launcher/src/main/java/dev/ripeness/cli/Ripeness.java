package dev.ripeness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ripeness} command: one entry point for every job the tool does. */
@Command(name = "ripeness",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Event-sourced pipeline that tracks whether an armed conflict is ripe for a negotiated settlement.",
        subcommands = {
                RunCommand.class,
                ReplayCommand.class,
                SinkCommand.class,
                StateCommand.class,
                ProduceCommand.class,
                DeadLettersCommand.class,
                GenerateCommand.class,
                BenchCommand.class,
                BacktestCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Ripeness implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Before any Avro class loads: Avro 1.12 instantiates only classes it trusts.
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "dev.ripeness.schema");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also what tests drive. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Ripeness());
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --log-compression gzip as well as GZIP
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // A user error deserves one clear line, not a stack trace.
            cmd.getErr().println("ripeness: " + e.getMessage());
            if (Logging.isVerbose()) {
                e.printStackTrace(cmd.getErr());
            }
            return e instanceof UserException user ? user.exitCode() : 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
