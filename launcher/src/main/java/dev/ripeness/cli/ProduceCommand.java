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
import dev.ripeness.producers.feed.RecordResult;
import dev.ripeness.producers.feed.TextInput;
import dev.ripeness.producers.importers.FormatDetector;
import dev.ripeness.producers.importers.ImportContext;
import dev.ripeness.producers.importers.Mapping;
import dev.ripeness.producers.importers.acled.AcledImporter;
import dev.ripeness.producers.importers.gdelt.GdeltImporter;
import dev.ripeness.producers.importers.ucdp.UcdpImporter;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
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
                "Prints a summary (accepted, duplicates, filtered and rejected, reasons grouped) and, every 10,000 rows, a progress line on stderr. Exit code 0 when nothing was "
                        + "rejected (or with --tolerate-rejects), 1 when records were rejected, 2 for usage errors."
        })
public final class ProduceCommand implements Callable<Integer> {

    /** Input formats. */
    enum Format { jsonl, csv, acled, gdelt, ucdp }

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ConflictsOption conflicts;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The input file, or - for stdin.")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "jsonl, csv, acled, gdelt or ucdp, any case (default: detected from the first line).")
    String format;

    @Option(names = "--charset", paramLabel = "NAME",
            description = "The input's charset, e.g. windows-1252 (default: UTF-8 with or without BOM, else Windows-1252, detected).")
    String charset;

    @Option(names = "--progress-every", defaultValue = "10000", paramLabel = "ROWS", hidden = true,
            description = "Rows between progress lines on stderr (default: ${DEFAULT-VALUE}).")
    long progressEvery;

    @Option(names = "--conflict", paramLabel = "ID", description = "Conflict the imported rows belong to (required for acled, gdelt, ucdp).")
    String conflict;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Extra or replacing mapping-table entries for an importer (format: docs/importers.md).")
    Path mapping;

    @Option(names = "--tolerate-rejects", description = "Exit 0 even when some records were rejected.")
    boolean tolerateRejects;

    @Option(names = "--no-log-check",
            description = "Do not read the event log first; duplicates of events already in the log are then written "
                    + "again (the pipeline ignores them) instead of being counted, and ACLED revisions only correct versions in the same file.")
    boolean noLogCheck;

    @Option(names = "--batch-size", defaultValue = "500", paramLabel = "N",
            description = "Records per Kafka transaction (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() throws IOException {
        verbose.apply();
        Charset forced = null;
        if (charset != null) {
            try {
                forced = Charset.forName(charset);
            } catch (IllegalArgumentException e) {
                throw new UserException("--charset " + charset + " is not a charset this Java knows; try UTF-8, windows-1252 or ISO-8859-1");
            }
        }
        try (Input input = open(forced)) {
            return produce(input);
        }
    }

    private int produce(Input input) throws IOException {
        Format detected = FormatDetector.detect(input.firstLine()).map(Format::valueOf).orElse(null);
        Format fmt;
        if (format != null) {
            try {
                fmt = Format.valueOf(format.strip().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserException("--format " + format + " is not one of jsonl, csv, acled, gdelt, ucdp");
            }
            if (detected != null && detected != fmt) {
                throw new UserException(file + " does not look like " + fmt + ": its first line looks like " + detected
                        + "; use --format " + detected + " (or leave --format out)");
            }
            if (detected == null && input.firstLine() != null && fmt != Format.jsonl) {
                throw new UserException(file + " does not look like " + fmt + ": its first line fits no known format"
                        + " (docs/importers.md lists the layouts); first line: " + abbreviate(input.firstLine()));
            }
        } else if (detected != null) {
            fmt = detected;
        } else {
            fmt = file.toLowerCase(Locale.ROOT).endsWith(".csv") ? Format.csv : Format.jsonl;
        }
        ConflictCatalog catalog = conflicts.catalog();
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
        Map<String, Object> client = kafka.checkedClientConfig(bootstrap);
        EventLogIndex log;
        try {
            log = noLogCheck ? EventLogIndex.empty() : EventLogIndex.read(client, FeedTopics.DEFAULT.events());
        } catch (RuntimeException e) {
            throw new UserException("cannot read the event log on " + bootstrap + " (is `ripeness run` up?): " + e.getMessage());
        }
        String source = (importer ? fmt + " " : "file ") + ("-".equals(file) ? "stdin" : file);
        if (!"UTF-8".equals(input.text().charset().name())) {
            System.err.println("reading " + file + " as " + input.text().charset().name() + " (" + input.text().how() + ")");
        }
        try (Reader in = input.text().reader(); KafkaEventFeed feed = new KafkaEventFeed(client, catalog, FeedTopics.DEFAULT, log, batchSize)) {
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
            Progress progress = new Progress(input.bytesRead(), input.size(), progressEvery);
            FeedSummary summary = feed.feed(offers, progress::add);
            System.out.println(summary);
            if (summary.filtered() > 0) {
                System.out.println("filtered, by reason:");
                summary.filteredByReason().forEach((reason, n) -> System.out.println("  " + n + "  " + reason));
            }
            if (summary.rejected() > 0) {
                System.out.println("rejected, by reason (all are in the dead-letter topic " + FeedTopics.DEFAULT.deadLetters() + "):");
                summary.rejectedByReason().forEach((reason, n) -> System.out.println("  " + n + "  " + reason));
                System.out.println("first rejections:");
                summary.firstReasons().forEach(r -> System.out.println("  " + r));
            }
            return summary.rejected() > 0 && !tolerateRejects ? 1 : 0;
        } catch (FeedException e) {
            throw new UserException(e.getMessage(), 3);
        }
    }

    /** The opened input, its first line (for format detection), and a byte count for progress. */
    private record Input(TextInput text, String firstLine, java.util.function.LongSupplier bytesRead, long size) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            text.reader().close();
        }
    }

    private Input open(Charset forced) throws IOException {
        InputStream raw;
        long size = -1;
        if ("-".equals(file)) {
            raw = System.in;
        } else {
            try {
                Path path = Path.of(file);
                size = Files.size(path);
                raw = Files.newInputStream(path);
            } catch (NoSuchFileException e) {
                throw new UserException("no such file: " + file);
            }
        }
        long[] count = {0};
        InputStream counted = new FilterInputStream(raw) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count[0]++;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count[0] += n;
                }
                return n;
            }
        };
        TextInput text = TextInput.open(counted, forced);
        BufferedReader reader = new BufferedReader(text.reader(), 1 << 16);
        reader.mark(1 << 20);
        char[] head = new char[1 << 20];
        int n = reader.read(head, 0, head.length);
        reader.reset();
        String first = null;
        if (n > 0) {
            String h = new String(head, 0, n);
            int nl = h.indexOf('\n');
            first = (nl >= 0 ? h.substring(0, nl) : h).replaceAll("\r$", "");
        }
        return new Input(new TextInput(reader, text.charset(), text.how()), first, () -> count[0], size);
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }

    /**
     * Prints a progress line on stderr every {@code every} records: rows, rate, ETA (from the bytes
     * read of a file of known size), and the counts so far.
     */
    static final class Progress {
        private final java.util.function.LongSupplier bytesRead;
        private final long size;
        private final long every;
        private final long start = System.nanoTime();
        private long rows;
        private long accepted;
        private long duplicates;
        private long filtered;
        private long rejected;

        Progress(java.util.function.LongSupplier bytesRead, long size, long every) {
            this.bytesRead = bytesRead;
            this.size = size;
            this.every = every;
        }

        void add(RecordResult r) {
            rows++;
            switch (r.status()) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case FILTERED -> filtered++;
                case REJECTED -> rejected++;
            }
            if (every > 0 && rows % every == 0) {
                double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
                long read = bytesRead.getAsLong();
                String eta = size > 0 && read > 0 && read <= size
                        ? String.format(Locale.ROOT, "ETA %.0f s", (size - read) / (read / seconds)) : "ETA ?";
                System.err.printf(Locale.ROOT, "%,d rows, %,.0f rows/s, %s (%.0f%% of the file): accepted %d, duplicates %d, filtered %d, rejected %d%n",
                        rows, rows / seconds, eta, size > 0 ? 100.0 * Math.min(read, size) / size : 0.0, accepted, duplicates, filtered, rejected);
            }
        }
    }
}
