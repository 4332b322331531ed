package dev.ripeness.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.replay.KnownAtQueries;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.json.AvroJson;
import dev.ripeness.streams.query.AssessmentView;
import dev.ripeness.topics.Topic;
import dev.ripeness.topics.TopicReader;
import dev.ripeness.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ripeness state CONFLICT [--as-of DATE] [--known-at DATETIME] [--json]}: the assessment a
 * running pipeline published, read straight from the compacted state topics with a plain
 * consumer (no local state, nothing to start); with {@code --known-at}, what it said with only
 * the events recorded up to then, by an in-process replay of the conflict's log.
 */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = {"Print a conflict's ripeness assessment: ripeness, band, pathway, components, per-actor values, "
                + "mediator and the events that drove it.",
                "Reads the latest value of topic " + "ripeness.assessments" + ", or with --as-of the latest entry of "
                        + "ripeness.assessment-timeline dated on or before DATE (an event date: what a replay of the "
                        + "events dated up to DATE gives; its drivers carry no notes: the API's explain answer has them).",
                "With --known-at DATETIME it answers from the events recorded (entered the log) up to that instant, "
                        + "by replaying the conflict's event log in-process: one pass over the log per call.",
                "Exit codes: 0 printed, 2 bad arguments, 3 no assessment found."})
public final class StateCommand implements Callable<Integer> {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ConflictsOption conflicts;

    @Mixin
    ModelOption model;

    @Parameters(index = "0", paramLabel = "CONFLICT", description = "Conflict id, e.g. russia-ukraine.")
    String conflict;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Date YYYY-MM-DD: the record published for the latest event date on "
            + "or before it (the API's asOf also decays it to the day asked, docs/api.md); default: the latest.")
    String asOf;

    @Option(names = "--known-at", paramLabel = "DATETIME",
            description = "Answer from the events recorded up to this instant: 2022-04-30T12:00:00Z (or another offset), "
                    + "2022-04-30T12:00 (UTC), or 2022-04-30 (the end of that day, UTC). Replays the conflict's log.")
    String knownAt;

    @Option(names = "--json", description = "Print JSON instead of a table: every field of the record, as the HTTP API answers it "
            + "(without --as-of decay and, for a timeline record, without driver notes; docs/api.md).")
    boolean json;

    @Option(names = "--drivers", defaultValue = "8", paramLabel = "N",
            description = "How many top drivers the table shows (default: ${DEFAULT-VALUE}); --json prints all.")
    int drivers;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LocalDate date = asOf == null ? null : DateOptions.date("--as-of", asOf);
        if (model.file() != null && knownAt == null) {
            throw new UserException("--model goes with --known-at (the published state already carries the live model's answers)");
        }
        Instant instant = knownAt == null ? null : DateOptions.instant("--known-at", knownAt);
        Map<String, Object> config = kafka.checkedClientConfig(kafka.bootstrap("localhost:9092"));
        RipenessAssessment found;
        TreeSet<String> known = new TreeSet<>();
        try {
            found = instant != null ? knownAt(config, instant, date)
                    : date == null ? latest(config, known) : asOf(config, date, known);
        } catch (KafkaException | TopicReader.DeadlinePassed e) {
            throw new UserException("cannot read the " + (instant == null ? "state topics" : "event log") + " at "
                    + config.get("bootstrap.servers") + ": " + e.getMessage() + " (is `ripeness run` up, or is --bootstrap-servers right?)");
        }
        if (found == null && instant != null) {
            spec.commandLine().getErr().println("ripeness: no assessment for " + conflict + " from the events recorded up to "
                    + instant + (date == null ? "" : " dated on or before " + date));
            return 3;
        }
        if (found == null) {
            spec.commandLine().getErr().println("ripeness: no assessment for " + conflict
                    + (date == null ? "" : " dated on or before " + date)
                    + (known.isEmpty() ? "; the state topics are empty (is the pipeline running, has it got events?)"
                    : "; conflicts with state: " + known));
            return 3;
        }
        if (json) {
            try {
                spec.commandLine().getOut().println(AvroJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(AssessmentView.json(found)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            spec.commandLine().getOut().print(AssessmentView.table(found, drivers));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The answer of a replay of the conflict's log restricted to the events recorded up to {@code instant}. */
    private RipenessAssessment knownAt(Map<String, Object> config, Instant instant, LocalDate date) {
        ConflictCatalog catalog = conflicts.catalog();
        if (catalog.find(conflict).isEmpty()) {
            throw new UserException("unknown conflict " + conflict + "; known conflicts: "
                    + catalog.all().stream().map(c -> c.id()).sorted().toList());
        }
        return new KnownAtQueries(config, catalog, model.load()).ripeness(conflict, instant, date).orElse(null);
    }

    private RipenessAssessment latest(Map<String, Object> config, TreeSet<String> known) {
        Map<String, byte[]> values = readAll(config, Topics.ASSESSMENTS);
        known.addAll(values.keySet());
        return decode(values.get(conflict));
    }

    /** The timeline entry with the greatest key {@code conflict|date <= conflict|asOf}. */
    private RipenessAssessment asOf(Map<String, Object> config, LocalDate date, TreeSet<String> known) {
        TreeMap<String, byte[]> values = readAll(config, Topics.ASSESSMENT_TIMELINE);
        values.keySet().forEach(k -> known.add(k.substring(0, Math.max(0, k.lastIndexOf('|')))));
        Map.Entry<String, byte[]> e = values.floorEntry(conflict + "|" + date);
        return e != null && e.getKey().startsWith(conflict + "|") ? decode(e.getValue()) : null;
    }

    private static RipenessAssessment decode(byte[] bytes) {
        return bytes == null ? null : Topics.ASSESSMENTS.valueSerde().deserializer().deserialize("", bytes);
    }

    /** The compacted view of {@code topic} (last value per key, tombstones remove); empty when it does not exist yet. */
    private static TreeMap<String, byte[]> readAll(Map<String, Object> config, Topic<String, ?> topic) {
        try {
            return TopicReader.latestByKey(config, topic.name(), READ_TIMEOUT);
        } catch (TopicReader.NoSuchTopic e) {
            return new TreeMap<>();
        }
    }
}
