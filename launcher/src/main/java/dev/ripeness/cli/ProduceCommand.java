package dev.ripeness.cli;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.producers.feed.EventLogIndex;
import dev.ripeness.producers.feed.FeedException;
import dev.ripeness.producers.feed.FeedSummary;
import dev.ripeness.producers.feed.FeedTopics;
import dev.ripeness.producers.feed.KafkaEventFeed;
import dev.ripeness.producers.feed.Offer;
import dev.ripeness.producers.feed.Offers;
import dev.ripeness.producers.importers.ImportContext;
import dev.ripeness.producers.importers.Mapping;
import dev.ripeness.producers.importers.acled.AcledImporter;
import dev.ripeness.producers.importers.gdelt.GdeltImporter;
import dev.ripeness.producers.importers.ucdp.UcdpImporter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Feeds a file (or stdin) of events, or an upstream data set export, into the event log. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {
                "Feed events into the log from a file or stdin: canonical JSONL or CSV (docs/events.md), or an ACLED, "
                        + "GDELT 2.0 or UCDP GED export (docs/importers.md).",
                "Every record is validated; bad ones go to the dead-letter topic with their reason. Events whose eventId "
                        + "is already in the log or earlier in the input are counted as duplicates and not written again.",
                "Prints a summary (accepted, duplicates, rejected with the first reasons). Exit code 0 when nothing was "
                        + "rejected (or with --tolerate-rejects), 1 when records were rejected, 2 for usage errors."
        })
public final class ProduceCommand implements Callable<Integer> {

    /** Input formats. */
    enum Format { jsonl, csv, acled, gdelt, ucdp }

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The input file, or - for stdin.")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "jsonl, csv, acled, gdelt or ucdp (default: csv for *.csv, else jsonl).")
    Format format;

    @Option(names = "--conflict", paramLabel = "ID", description = "Conflict the imported rows belong to (required for acled, gdelt, ucdp).")
    String conflict;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Extra or replacing mapping-table entries for an importer (format: docs/importers.md).")
    Path mapping;

    @Option(names = "--conflicts-dir", paramLabel = "DIR",
            description = "Directory of extra conflict configuration files (*.json); they override bundled ones with the same id.")
    Path conflictsDir;

    @Option(names = "--tolerate-rejects", description = "Exit 0 even when some records were rejected.")
    boolean tolerateRejects;

    @Option(names = "--no-log-check",
            description = "Do not read the event log first; duplicates of events already in the log are then written "
                    + "again (the pipeline ignores them) instead of being counted, and ACLED revisions only correct versions in the same file.")
    boolean noLogCheck;

    @Option(names = "--batch-size", defaultValue = "500", paramLabel = "N",
            description = "Records per Kafka transaction (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--verbose", description = "Log at INFO, including the Kafka clients' own logs.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        Logging.setVerbose(verbose);
        Format fmt = format != null ? format : (file.toLowerCase().endsWith(".csv") ? Format.csv : Format.jsonl);
        ConflictCatalog catalog;
        try {
            catalog = ConflictCatalog.load(conflictsDir);
        } catch (RuntimeException e) {
            throw new UserException(e.getMessage());
        }
        boolean importer = fmt == Format.acled || fmt == Format.gdelt || fmt == Format.ucdp;
        ConflictConfig config = null;
        if (importer) {
            if (conflict == null) {
                throw new UserException("--format " + fmt + " needs --conflict ID (known: "
                        + catalog.all().stream().map(ConflictConfig::id).toList() + ")");
            }
            config = catalog.find(conflict).orElseThrow(() -> new UserException("--conflict " + conflict
                    + " is not a known conflict; known: " + catalog.all().stream().map(ConflictConfig::id).toList()));
        } else if (mapping != null || conflict != null) {
            throw new UserException("--mapping and --conflict apply to --format acled, gdelt or ucdp only");
        }
        String bootstrap = kafka.bootstrap("localhost:9092");
        Map<String, Object> client = kafka.clientConfig(bootstrap);
        EventLogIndex log;
        try {
            log = noLogCheck ? EventLogIndex.empty() : EventLogIndex.read(client, FeedTopics.DEFAULT.events());
        } catch (RuntimeException e) {
            throw new UserException("cannot read the event log on " + bootstrap + " (is `ripeness run` up?): " + e.getMessage());
        }
        String source = (importer ? fmt + " " : "file ") + ("-".equals(file) ? "stdin" : file);
        try (Reader in = open(); KafkaEventFeed feed = new KafkaEventFeed(client, catalog, FeedTopics.DEFAULT, log, batchSize)) {
            Iterator<Offer> offers;
            try {
                offers = switch (fmt) {
                    case jsonl -> Offers.jsonLines(in, source);
                    case csv -> Offers.csv(in, source);
                    case acled -> new AcledImporter(new ImportContext(config, Mapping.load("acled", mapping), log)).read(in, source);
                    case gdelt -> new GdeltImporter(new ImportContext(config, Mapping.load("gdelt", mapping), log)).read(in, source);
                    case ucdp -> new UcdpImporter(new ImportContext(config, Mapping.load("ucdp", mapping), log)).read(in, source);
                };
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
            FeedSummary summary = feed.feed(offers, r -> { });
            System.out.println(summary);
            if (summary.rejected() > 0) {
                System.out.println("first reasons (all are in the dead-letter topic " + FeedTopics.DEFAULT.deadLetters() + "):");
                summary.firstReasons().forEach(r -> System.out.println("  " + r));
            }
            return summary.rejected() > 0 && !tolerateRejects ? 1 : 0;
        } catch (FeedException e) {
            throw new UserException(e.getMessage(), 3);
        }
    }

    private Reader open() throws IOException {
        if ("-".equals(file)) {
            return new InputStreamReader(System.in, StandardCharsets.UTF_8);
        }
        try {
            return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserException("no such file: " + file);
        }
    }
}
