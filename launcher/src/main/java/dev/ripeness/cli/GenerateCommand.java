package dev.ripeness.cli;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.feed.FeedSummary;
import dev.ripeness.producers.feed.FeedTopics;
import dev.ripeness.producers.feed.KafkaEventFeed;
import dev.ripeness.producers.feed.Offers;
import dev.ripeness.producers.generate.EventGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes a deterministic synthetic event stream (and its conflict files), or feeds it straight to Kafka. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {
                "Generate a deterministic synthetic event stream (JSONL): the same options give the same bytes.",
                "Writes the synthetic conflicts' configuration files (synth-1.json ...) into --conflicts-dir so the "
                        + "pipeline and `ripeness produce --conflicts-dir` can load them.",
                "Events are streamed, never held in memory: tens of millions are fine."
        })
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--events", defaultValue = "10000", paramLabel = "N", description = "Lines to write (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--conflicts", defaultValue = "3", paramLabel = "K", description = "Synthetic conflicts (default: ${DEFAULT-VALUE}).")
    int conflicts;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--late-share", defaultValue = "0.05", paramLabel = "F",
            description = "Share of events dated 30-365 days before their place in the stream (default: ${DEFAULT-VALUE}).")
    double lateShare;

    @Option(names = "--duplicate-share", defaultValue = "0.01", paramLabel = "F",
            description = "Share of lines repeating an earlier event exactly (default: ${DEFAULT-VALUE}).")
    double duplicateShare;

    @Option(names = "--malformed-share", defaultValue = "0.0", paramLabel = "F",
            description = "Share of lines the feeders must reject: impossible date, unknown actor, unknown type, broken JSON (default: ${DEFAULT-VALUE}).")
    double malformedShare;

    @Option(names = "--out", defaultValue = "-", paramLabel = "FILE|-", description = "Where the JSONL goes (default: stdout).")
    String out;

    @Option(names = "--conflicts-dir", defaultValue = "./synthetic-conflicts", paramLabel = "DIR",
            description = "Where the synthetic conflicts' configuration files are written (default: ${DEFAULT-VALUE}).")
    Path conflictsDir;

    @Option(names = "--produce", description = "Feed the stream straight into the event log instead of writing it (--out is ignored).")
    boolean produce;

    @Override
    public Integer call() throws Exception {
        EventGenerator generator;
        try {
            generator = new EventGenerator(new EventGenerator.Settings(events, conflicts, seed, lateShare, duplicateShare, malformedShare));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        generator.writeConflicts(conflictsDir);
        if (!produce) {
            try (Writer w = "-".equals(out)
                    ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                    : Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
                EventGenerator.Counts c = generator.write(w);
                System.err.println("generated " + c.total() + " lines: " + c.valid() + " in order, " + c.late() + " late, "
                        + c.duplicates() + " duplicates, " + c.malformed() + " malformed; conflicts in " + conflictsDir);
            }
            return 0;
        }
        ConflictCatalog catalog = ConflictCatalog.load(conflictsDir);
        // The generator writes on one thread, the feed reads on this one: nothing is held beyond the pipe's buffer.
        PipedReader reader = new PipedReader(1 << 16);
        PipedWriter writer = new PipedWriter(reader);
        CompletableFuture<EventGenerator.Counts> written = CompletableFuture.supplyAsync(() -> {
            try (Writer w = new BufferedWriter(writer, 1 << 16)) {
                return generator.write(w);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (KafkaEventFeed feed = new KafkaEventFeed(kafka.checkedClientConfig(kafka.bootstrap("localhost:9092")), catalog,
                FeedTopics.DEFAULT, (c, id) -> false, KafkaEventFeed.DEFAULT_BATCH)) {
            FeedSummary summary = feed.feed(Offers.jsonLines(reader, "generate seed " + seed), r -> { });
            written.join();
            System.out.println(summary);
        }
        return 0;
    }
}
