package dev.ripeness.cli;

import dev.ripeness.broker.EmbeddedKafkaBroker;
import dev.ripeness.broker.PortInUseException;
import dev.ripeness.replay.KnownAtQueries;
import dev.ripeness.replay.PipelineRun;
import dev.ripeness.replay.Progress;
import dev.ripeness.replay.Replayer;
import dev.ripeness.replay.SnapshotDiff;
import dev.ripeness.replay.TimelineComparison;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.json.AvroJson;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.topics.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ripeness replay}: rebuild, verify, compare and ask "as known at"; see docs/replay.md. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Rebuild the pipeline's state from the beginning of the event log.",
                "",
                "Without options: resets the live application (id ripeness-pipeline: its offsets, its internal "
                        + "changelog topics and its local state in <data-dir>/streams) and runs it up to the end of the "
                        + "log as it was at the start, then stops. Refuses while `ripeness run` runs it.",
                "--verify: rebuilds into separate topics beside the live state (allowed while `run` runs), compares "
                        + "every state topic key by key, prints each difference; exit code 1 when any exists.",
                "--model FILE --compare / --without EVENT_ID...: runs another model, or the log without some events, "
                        + "beside the live state and lists where the two assessment timelines differ most.",
                "--known-at DATETIME --conflict ID: the assessment from the events recorded up to DATETIME "
                        + "(folds the conflict's events of the log in memory; time grows with the log's length).",
                "",
                "Exit codes: 0 done, 1 differences found (--verify), 2 usage or refused (e.g. the pipeline is running)."
        })
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    LocalBrokerOptions local;

    @Mixin
    ConflictsOption conflicts;

    @Mixin
    ModelOption otherModel;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--verify", description = "Rebuild beside the live state and compare key by key; exit 1 on any difference.")
    boolean verify;

    @Option(names = "--keep", description = "Keep the side run's topics (ripeness-verify-<id>.*, ripeness-compare-<id>.*) for inspection.")
    boolean keep;

    @Option(names = "--compare", description = "Run --model FILE (or the live model with --without) beside the live state "
            + "and report where the assessment timelines differ most.")
    boolean compare;

    @Option(names = "--without", arity = "1..*", paramLabel = "EVENT_ID",
            description = "Leave these events out of a comparison run, to show what they changed (implies --compare).")
    List<String> without;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "Differences to list in a comparison (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--known-at", paramLabel = "DATETIME",
            description = "Answer from the events recorded up to this instant (e.g. 2022-04-30T12:00:00Z; without an offset: UTC; a date alone: its end).")
    String knownAt;

    @Option(names = "--conflict", paramLabel = "ID", description = "With --known-at: the conflict to assess.")
    String conflict;

    @Option(names = "--as-of", paramLabel = "DATE", description = "With --known-at: the event date (YYYY-MM-DD) to assess; default the latest.")
    LocalDate asOf;

    @Option(names = "--json", description = "With --known-at: print the assessment as JSON.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "PT30M", paramLabel = "DURATION",
            description = "Give up when a run has not caught up with the log within this ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        verbose.apply();
        checkCombination();
        EmbeddedKafkaBroker ownBroker = null;
        String bootstrap = kafka.bootstrap("localhost:" + local.kafkaPort());
        if (!kafka.external() && !reachable(kafka.clientConfig(bootstrap))) {
            try {
                ownBroker = EmbeddedKafkaBroker.start(local.dataDir(), local.kafkaPort());
            } catch (PortInUseException e) {
                throw new UserException("no Kafka broker answers on port " + local.kafkaPort() + " but the port is taken: name the cluster with --bootstrap-servers");
            }
            bootstrap = ownBroker.bootstrapServers();
            Replayer.awaitStaleMembersExpired(kafka.clientConfig(bootstrap), () -> spec.commandLine().getErr().println(
                    "ripeness: waiting for the stopped pipeline's group membership to expire (up to 90 s)..."));
        }
        try {
            return replay(ownBroker != null ? kafka.clientConfig(bootstrap) : kafka.checkedClientConfig(bootstrap));
        } finally {
            if (ownBroker != null) {
                ownBroker.close();
            }
        }
    }

    /** Runs the replay against the cluster of {@code clientConfig}; the exit code. */
    int replay(Map<String, Object> clientConfig) {
        ModelConfig liveModel = otherModel.file() != null && !compare ? otherModel.load() : ModelConfig.bundled();
        Replayer.Settings settings = Replayer.Settings.live(clientConfig, local.dataDir(),
                conflicts.catalog(), liveModel, kafka.partitions(), kafka.replicationFactor(), timeout);
        if (knownAt != null) {
            return knownAt(settings);
        }
        try (Replayer replayer = new Replayer(settings)) {
            if (verify) {
                return verify(replayer);
            }
            if (compare) {
                return compare(replayer, otherModel.file() == null ? liveModel : otherModel.load());
            }
            PipelineRun.Result result;
            try {
                result = replayer.rebuildLive(progress());
            } catch (Replayer.LiveApplicationRunningException e) {
                throw new UserException(e.getMessage());
            }
            endProgress();
            out().println("Rebuilt every state topic from the event log: " + result.summary() + ".");
            return 0;
        } catch (IllegalStateException e) {
            throw new UserException(e.getMessage());
        }
    }

    private int verify(Replayer replayer) {
        Replayer.Verification v = replayer.verify(keep, progress());
        endProgress();
        List<SnapshotDiff.Difference> differences = v.differences();
        for (SnapshotDiff.Difference d : differences) {
            out().println(d.describe());
        }
        out().println(differences.isEmpty()
                ? "Verified: the rebuilt state equals the live state in every state topic (" + v.run().result().summary() + ")."
                : differences.size() + " difference(s) between the live state and the state rebuilt from the log.");
        reportKept(v.run(), v.kept());
        return differences.isEmpty() ? 0 : 1;
    }

    private int compare(Replayer replayer, ModelConfig model) {
        Set<String> leftOut = without == null ? Set.of() : Set.copyOf(without);
        Replayer.Comparison comparison = replayer.compare(model, leftOut, keep, progress());
        endProgress();
        Replayer.SideRun run = comparison.run();
        TimelineComparison c = comparison.timelines();
        PrintWriter out = out();
        out.println("Live model " + ModelConfig.bundled().version() + " vs "
                + (otherModel.file() != null ? "model " + model.version() + " (" + otherModel.file() + ")" : "the same model")
                + (leftOut.isEmpty() ? "" : " without " + run.leftOut() + " event record(s) " + String.join(", ", new java.util.TreeSet<>(leftOut)))
                + ", over " + run.result().events() + " events.");
        if (c.identical()) {
            out.println("The assessment timelines are identical.");
        } else {
            out.println(c.changes().size() + " component value(s) differ; the " + Math.min(top, c.changes().size()) + " largest (live -> other):");
            c.top(top).forEach(ch -> out.println("  " + ch.describe()));
            if (!c.verdicts().isEmpty()) {
                out.println(c.verdicts().size() + " date(s) with another band/pathway:");
                c.verdicts().stream().limit(top).forEach(v -> out.println("  " + v.describe()));
            }
        }
        reportKept(run, comparison.kept());
        return 0;
    }

    private void reportKept(Replayer.SideRun run, boolean kept) {
        if (kept) {
            out().println("Kept the side run's topics " + run.topics().outputs() + " (application id " + run.applicationId() + ").");
        }
    }

    private int knownAt(Replayer.Settings settings) {
        Instant instant = DateOptions.instant("--known-at", knownAt);
        KnownAtQueries queries = new KnownAtQueries(settings.clientConfig(), settings.catalog(), settings.model());
        Optional<RipenessAssessment> a = queries.ripeness(conflict, instant, asOf);
        if (a.isEmpty()) {
            throw new UserException("conflict " + conflict + " has no assessment from the events recorded up to " + instant
                    + (asOf == null ? "" : " dated up to " + asOf), 3);
        }
        RipenessAssessment r = a.get();
        if (json) {
            out().println(AvroJson.toJson(r));
        } else {
            out().printf(Locale.ROOT, "%s as of %s, as known at %s (model %s, %d events)%n", r.getConflict(), r.getAsOf(),
                    instant, r.getModelVersion(), r.getEventCount());
            out().printf(Locale.ROOT, "  ripeness %.3f %s, pathway %s%n", r.getRipeness(), r.getBand(), r.getPathway());
            out().printf(Locale.ROOT, "  MHS %.3f, way out %.3f, demand gap %s, ZOPA %s, catastrophe %.3f, opportunity %.3f%n",
                    r.getComponents().getMhs(), r.getComponents().getWayOut(),
                    r.getComponents().getDemandGap() == null ? "unknown" : String.format(Locale.ROOT, "%.3f", r.getComponents().getDemandGap()),
                    r.getComponents().getZopa(), r.getComponents().getCatastrophe(), r.getComponents().getOpportunity());
        }
        out().flush();
        return 0;
    }

    private void checkCombination() {
        if (without != null && !without.isEmpty()) {
            compare = true;
        }
        int modes = (verify ? 1 : 0) + (compare ? 1 : 0) + (knownAt != null ? 1 : 0);
        if (modes > 1) {
            throw new UserException("choose one of --verify, --compare/--without and --known-at");
        }
        if (knownAt != null && conflict == null) {
            throw new UserException("--known-at needs --conflict ID (e.g. --conflict russia-ukraine)");
        }
        if (knownAt == null && (conflict != null || asOf != null || json)) {
            throw new UserException("--conflict, --as-of and --json go with --known-at");
        }
        if (keep && !verify && !compare) {
            throw new UserException("--keep goes with --verify or --compare");
        }
    }

    private static boolean reachable(Map<String, Object> clientConfig) {
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.put("request.timeout.ms", 3000);
        config.put("default.api.timeout.ms", 3000);
        config.put("socket.connection.setup.timeout.max.ms", 1000);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().clusterId().get(4, java.util.concurrent.TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private PipelineRun.Listener progress() {
        if (System.console() == null) {
            return PipelineRun.Listener.NONE;
        }
        return (done, total, elapsed) -> {
            spec.commandLine().getErr().print("\r" + Progress.line(done, total, elapsed));
            spec.commandLine().getErr().flush();
        };
    }

    private void endProgress() {
        if (System.console() != null) {
            spec.commandLine().getErr().println();
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
