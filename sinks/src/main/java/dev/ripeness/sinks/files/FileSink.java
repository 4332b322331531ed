package dev.ripeness.sinks.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripeness.schema.json.AvroJson;
import dev.ripeness.sinks.SinkTopics;
import dev.ripeness.sinks.StateChange;
import dev.ripeness.sinks.StateColumns;
import dev.ripeness.sinks.StateColumns.Column;
import dev.ripeness.sinks.StateKind;
import dev.ripeness.sinks.StateTopicReader;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the state topics under one directory, for notebooks and spreadsheets:
 * <ul>
 *   <li>{@code log/<topic>.jsonl} and {@code log/<topic>.csv} (its typed columns only): every change in topic order,
 *       appended (tombstones as {@code "deleted": true}); carries partition and offset so that
 *       a batch replayed after a crash can be told apart;</li>
 *   <li>with {@link LogCompression#GZIP} (the default for a new directory), {@code log/<topic>.jsonl.gz} and
 *       {@code log/<topic>.csv.gz} instead: each batch appended as one gzip member (zcat, Python's gzip,
 *       pandas and DuckDB read the members as one file), about a twelfth of the size;</li>
 *   <li>{@code current/<topic>.jsonl} and {@code current/<topic>.csv}: the current value of
 *       each key, sorted by key, rewritten atomically (temp file + rename) — what a compacted
 *       topic holds, ready to load. A rewrite is linear in the topic's keys (for the timeline,
 *       every date of every conflict), so it is not done per batch: at most once a second, and
 *       no more often than ten times its own duration, when batches have touched the topic, and
 *       when the sink is idle or stops. {@code current/.position} records the length of each
 *       log that the current files include; on start the logs' tails after it are applied
 *       again, so a crash between rewrites loses nothing.</li>
 * </ul>
 * {@code <topic>} is the short name ({@code assessment-timeline}). Offsets are committed
 * after the files are written, so a restart resumes where the files end. The current
 * snapshot is reloaded from {@code current/*.jsonl} on start. The length of each log after
 * its last complete batch is kept in {@code log/.lengths}: a batch torn by a crash is cut off
 * on start (and written again, since its offsets were not committed), so a torn line or gzip
 * member never sits in the middle of a log.
 */
public final class FileSink implements AutoCloseable {

    /** Consumer group of the sink unless one is named. */
    public static final String DEFAULT_GROUP = "ripeness-sink-files";

    private static final Logger LOG = LoggerFactory.getLogger(FileSink.class);

    /** How the change logs under {@code log/} are written. */
    public enum LogCompression {
        /**
         * The format the directory's logs already have (plain when any plain log is there), else
         * gzip: a late batch re-sends every later date of its conflicts, and plain logs grow by
         * about 4 KiB per late event where gzip logs grow by under 1 KiB.
         */
        AUTO(null),
        /** Plain text, appended line by line ({@code tail -f} works). */
        NONE(""),
        /** Gzip, one member per batch: {@code .jsonl.gz}, {@code .csv.gz}. */
        GZIP(".gz");

        /** The command-line default ({@code --log-compression}, {@code --sink-files-compression}). */
        public static final String DEFAULT = "AUTO";

        private final String suffix;

        LogCompression(String suffix) {
            this.suffix = suffix;
        }

        private String suffix() {
            if (suffix == null) {
                throw new IllegalArgumentException("AUTO names no file: resolve it against a directory first");
            }
            return suffix;
        }

        /**
         * NONE or GZIP: AUTO resolved against the logs already in {@code dir}: the format of the
         * most recently written log (a directory switched from one format to the other holds
         * both), GZIP when there is none.
         */
        LogCompression in(Path dir) throws IOException {
            if (this != AUTO) {
                return this;
            }
            LogCompression newest = GZIP;
            FileTime newestTime = null;
            for (LogCompression format : List.of(NONE, GZIP)) {
                for (StateKind kind : StateKind.values()) {
                    for (Path log : List.of(logJsonl(dir, kind, format), logCsv(dir, kind, format))) {
                        if (Files.isRegularFile(log)) {
                            FileTime time = Files.getLastModifiedTime(log);
                            if (newestTime == null || time.compareTo(newestTime) > 0) {
                                newest = format;
                                newestTime = time;
                            }
                        }
                    }
                }
            }
            return newest;
        }
    }

    /** The committed length of each log file, by file name (see the class comment). */
    static final String LENGTHS = ".lengths";
    /** The length of each log file that the current files include, by file name. */
    static final String POSITION = ".position";
    /** Current files are rewritten at most this often ... */
    static final long MIN_SNAPSHOT_INTERVAL_MS = 1_000;
    /** ... and at most once per this many times the last rewrite took. */
    private static final int SNAPSHOT_COST_FACTOR = 10;

    private final Path dir;
    private final LogCompression compression;
    private final Map<StateKind, TreeMap<String, ObjectNode>> current = new EnumMap<>(StateKind.class);
    private final Properties lengths = new Properties();
    private final long minSnapshotIntervalMs;
    /** Topics whose current files are behind their logs, and when ({@link System#nanoTime}) they may be rewritten next. */
    private final Set<StateKind> stale = EnumSet.noneOf(StateKind.class);
    private long nextSnapshotAt;
    private StateTopicReader reader;

    private FileSink(Path dir, LogCompression compression, long minSnapshotIntervalMs) {
        this.dir = dir;
        this.compression = compression;
        this.minSnapshotIntervalMs = minSnapshotIntervalMs;
        this.nextSnapshotAt = System.nanoTime(); // the first batch's rewrite is due at once
    }

    /**
     * Creates {@code dir} when missing, loads the current snapshots found there and starts
     * consuming; logs as {@link LogCompression#AUTO} says.
     */
    public static FileSink start(Path dir, Map<String, Object> kafkaConfig, SinkTopics topics, String groupId) throws IOException {
        return start(dir, kafkaConfig, topics, groupId, LogCompression.AUTO);
    }

    /** As {@link #start(Path, Map, SinkTopics, String)}, with the change logs written as {@code compression} says. */
    public static FileSink start(Path dir, Map<String, Object> kafkaConfig, SinkTopics topics, String groupId,
                                 LogCompression compression) throws IOException {
        return start(dir, kafkaConfig, topics, groupId, compression, MIN_SNAPSHOT_INTERVAL_MS);
    }

    static FileSink start(Path dir, Map<String, Object> kafkaConfig, SinkTopics topics, String groupId,
                          LogCompression compression, long minSnapshotIntervalMs) throws IOException {
        FileSink sink = new FileSink(dir, compression.in(dir), minSnapshotIntervalMs);
        Files.createDirectories(dir.resolve("log"));
        Files.createDirectories(dir.resolve("current"));
        sink.cutTornBatches();
        for (StateKind kind : StateKind.values()) {
            sink.current.put(kind, sink.loadSnapshot(kind));
        }
        sink.applyLogTails();
        sink.reader = StateTopicReader.start("files", kafkaConfig, groupId, topics, new StateTopicReader.BatchHandler() {
            @Override
            public void store(List<StateChange> changes) throws IOException {
                sink.store(changes);
            }

            @Override
            public void idle() throws IOException {
                sink.writeStaleSnapshots(false);
            }
        });
        LOG.info("file sink writing to {} ({} logs)", dir, sink.compression == LogCompression.GZIP ? "gzip" : "plain");
        return sink;
    }

    /** How this sink writes its logs: NONE or GZIP, {@link LogCompression#AUTO} resolved. */
    public LogCompression logCompression() {
        return compression;
    }

    /** The consumer loop, for its progress and last failure. */
    public StateTopicReader reader() {
        return reader;
    }

    /** {@code log/<name>.jsonl}, {@code .jsonl.gz} with gzip ({@code compression} NONE or GZIP). */
    public static Path logJsonl(Path dir, StateKind kind, LogCompression compression) {
        return dir.resolve("log").resolve(kind.shortName() + ".jsonl" + compression.suffix());
    }

    /** {@code log/<name>.csv}, {@code .csv.gz} with gzip ({@code compression} NONE or GZIP). */
    public static Path logCsv(Path dir, StateKind kind, LogCompression compression) {
        return dir.resolve("log").resolve(kind.shortName() + ".csv" + compression.suffix());
    }

    /** {@code current/<name>.jsonl}. */
    public static Path currentJsonl(Path dir, StateKind kind) {
        return dir.resolve("current").resolve(kind.shortName() + ".jsonl");
    }

    /** {@code current/<name>.csv}. */
    public static Path currentCsv(Path dir, StateKind kind) {
        return dir.resolve("current").resolve(kind.shortName() + ".csv");
    }

    /**
     * Header of the current CSV: key, the typed columns. A spreadsheet gets flat columns; the
     * nested parts of a record (drivers, positions, windows) are in the JSONL twin, not repeated
     * here as a JSON cell.
     */
    public static List<String> currentHeader(StateKind kind) {
        List<String> header = new ArrayList<>();
        header.add("key");
        StateColumns.of(kind).forEach(c -> header.add(c.name()));
        return header;
    }

    /** Header of the log CSV: key, partition, offset, deleted, the typed columns (see {@link #currentHeader}). */
    public static List<String> logHeader(StateKind kind) {
        List<String> header = new ArrayList<>(List.of("key", "partition", "offset", "deleted"));
        StateColumns.of(kind).forEach(c -> header.add(c.name()));
        return header;
    }

    private synchronized void store(List<StateChange> changes) throws IOException {
        Map<StateKind, StringBuilder> jsonl = new EnumMap<>(StateKind.class);
        Map<StateKind, StringBuilder> csv = new EnumMap<>(StateKind.class);
        Set<StateKind> touched = EnumSet.noneOf(StateKind.class);
        List<JsonNode> values = new ArrayList<>(changes.size());
        for (StateChange change : changes) {
            StateKind kind = change.kind();
            touched.add(kind);
            JsonNode value = change.isTombstone() ? null : AvroJson.toTree(change.value());
            values.add(value);
            ObjectNode entry = AvroJson.MAPPER.createObjectNode();
            entry.put("key", change.key());
            entry.put("partition", change.partition());
            entry.put("offset", change.offset());
            entry.put("deleted", change.isTombstone());
            entry.set("value", value);
            jsonl.computeIfAbsent(kind, k -> new StringBuilder()).append(entry).append('\n');
            List<Object> row = new ArrayList<>(List.of(change.key(), change.partition(), change.offset(), change.isTombstone()));
            for (Column column : StateColumns.of(kind)) {
                row.add(value == null ? null : column.valueOf(value));
            }
            csv.computeIfAbsent(kind, k -> new StringBuilder()).append(Csv.line(row)).append('\n');
        }
        Properties whole = new Properties();
        try {
            for (StateKind kind : touched) {
                append(logJsonl(dir, kind, compression), null, jsonl.get(kind), whole);
                append(logCsv(dir, kind, compression), Csv.line(logHeader(kind)), csv.get(kind), whole);
            }
        } catch (IOException | RuntimeException e) {
            cutBackTo(lengths); // the batch comes again: leave no part of it in the middle of a log
            throw e;
        }
        if (!touched.isEmpty()) {
            lengths.putAll(whole);
            writeLengths(); // the batch is whole in every log: a crash from here on leaves no torn tail
        }
        // Only once the logs hold the batch: a rewrite of current/ then never runs ahead of them.
        for (int i = 0; i < changes.size(); i++) {
            apply(changes.get(i).kind(), changes.get(i).key(), values.get(i));
        }
        stale.addAll(touched);
        writeStaleSnapshots(false);
    }

    /** The current value of {@code key} after a change: {@code value} null is a tombstone. */
    private void apply(StateKind kind, String key, JsonNode value) {
        if (value == null || value.isNull()) {
            current.get(kind).remove(key);
        } else {
            ObjectNode snapshot = AvroJson.MAPPER.createObjectNode();
            snapshot.put("key", key);
            snapshot.setAll((ObjectNode) value);
            current.get(kind).put(key, snapshot);
        }
    }

    /**
     * Rewrites the current files of the topics changed since their last rewrite, when it is time
     * (or always, with {@code now}), then records in {@code current/.position} which part of the
     * logs they include. A crash before the position is written leaves the earlier one:
     * applying a longer log tail again on start ends in the same values.
     */
    private synchronized void writeStaleSnapshots(boolean now) throws IOException {
        long started = System.nanoTime();
        if (stale.isEmpty() || (!now && started - nextSnapshotAt < 0)) {
            return;
        }
        for (StateKind kind : stale) {
            writeSnapshot(kind);
        }
        stale.clear();
        writePosition();
        long took = System.nanoTime() - started;
        nextSnapshotAt = System.nanoTime() + Math.max(minSnapshotIntervalMs * 1_000_000, SNAPSHOT_COST_FACTOR * took);
    }

    /** {@code current/.position}: the length of every log now, all of which the current files include. */
    private void writePosition() throws IOException {
        Properties position = new Properties();
        try (var logs = Files.list(dir.resolve("log"))) {
            for (Path log : (Iterable<Path>) logs::iterator) {
                String name = log.getFileName().toString();
                if (!name.startsWith(".")) {
                    position.setProperty(name, Long.toString(Files.size(log)));
                }
            }
        }
        replace(dir.resolve("current").resolve(POSITION), out -> position.store(out, "log lengths the current files include"));
    }

    /**
     * On start: applies the JSONL logs' changes after {@code current/.position} to the current
     * values, i.e. what was stored but not yet rewritten into the current files before a crash.
     * Without a position (a new directory, or one written by an earlier release, which rewrote
     * the current files after every batch) the current files include the logs as they are.
     */
    private void applyLogTails() throws IOException {
        Path file = dir.resolve("current").resolve(POSITION);
        if (!Files.exists(file)) {
            writePosition();
            return;
        }
        Properties position = new Properties();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            position.load(in);
        }
        for (StateKind kind : StateKind.values()) {
            for (LogCompression format : List.of(LogCompression.NONE, LogCompression.GZIP)) {
                Path log = logJsonl(dir, kind, format);
                long from = Long.parseLong(position.getProperty(log.getFileName().toString(), "0"));
                if (Files.exists(log) && Files.size(log) > from) {
                    int applied = applyLogTail(kind, log, format, from);
                    LOG.info("{}: applied {} changes stored after the last rewrite of current/", log, applied);
                    stale.add(kind);
                }
            }
        }
        writeStaleSnapshots(true);
        writePosition(); // also when nothing was applied: a log replaced while stopped starts from its size now
    }

    private int applyLogTail(StateKind kind, Path log, LogCompression format, long from) throws IOException {
        int applied = 0;
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            InputStream in = Channels.newInputStream(channel.position(from));
            if (format == LogCompression.GZIP) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank()) {
                        JsonNode entry = AvroJson.MAPPER.readTree(line);
                        apply(kind, entry.get("key").asText(), entry.get("deleted").asBoolean() ? null : entry.get("value"));
                        applied++;
                    }
                }
            } catch (IOException e) {
                // Only a log damaged outside the sink gets here (a torn batch is cut first): keep what was read.
                LOG.warn("{}: stopped reading after {} changes at a damaged line or gzip member ({}); current/ may miss "
                        + "the changes after it", log, applied, e.toString());
            }
        }
        return applied;
    }

    /**
     * Appends (one gzip member with gzip) and forces to disk before the offsets are committed;
     * a new file starts with {@code header}. Puts the file's new length in {@code whole}. A file
     * without a recorded length (new, or of an earlier release) gets one first, so that even its
     * first batch can be cut if torn.
     */
    private void append(Path file, String header, CharSequence lines, Properties whole) throws IOException {
        String name = file.getFileName().toString();
        if (lengths.getProperty(name) == null) {
            lengths.setProperty(name, Long.toString(Files.exists(file) ? Files.size(file) : 0));
            writeLengths();
        }
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        String text = (fresh && header != null ? header + "\n" : "") + lines;
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        if (compression == LogCompression.GZIP) {
            ByteArrayOutputStream packed = new ByteArrayOutputStream(raw.length / 8 + 64);
            // gzip's default level: 8 % of the plain size (its fastest level: 12 %) for ~0.04 ms of CPU per
            // late event, little beside the pipeline's refold of the dates that event changes.
            try (GZIPOutputStream gzip = new GZIPOutputStream(packed, 1 << 16)) {
                gzip.write(raw);
            }
            raw = packed.toByteArray();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(raw);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
            whole.setProperty(name, Long.toString(channel.size()));
        }
    }

    /** Cuts each log longer than its length in {@code recorded} back to it. */
    private void cutBackTo(Properties recorded) throws IOException {
        for (String name : recorded.stringPropertyNames()) {
            Path log = dir.resolve("log").resolve(name);
            long length = Long.parseLong(recorded.getProperty(name));
            if (Files.exists(log) && Files.size(log) > length) {
                try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                    channel.truncate(length);
                    channel.force(false);
                }
            }
        }
    }

    /** {@code log/.lengths}: each log's length after the last batch written whole. */
    private void writeLengths() throws IOException {
        replace(dir.resolve("log").resolve(LENGTHS), out -> lengths.store(out, "log lengths after the last whole batch"));
    }

    /**
     * Cuts each log back to its length after the last whole batch, when a crash left part of a
     * batch after it (its offsets were not committed, so it is written again). Logs without a
     * recorded length (written by an earlier release) are left as they are.
     */
    private void cutTornBatches() throws IOException {
        Path file = dir.resolve("log").resolve(LENGTHS);
        if (!Files.exists(file)) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lengths.load(in);
        }
        for (String name : lengths.stringPropertyNames()) {
            Path log = dir.resolve("log").resolve(name);
            long whole = Long.parseLong(lengths.getProperty(name));
            if (!Files.exists(log) || Files.size(log) < whole) {
                lengths.remove(name); // removed or rotated by the user: nothing to cut
            } else if (Files.size(log) > whole) {
                LOG.warn("{}: cutting {} bytes of a batch torn by a crash; the batch is written again", log,
                        Files.size(log) - whole);
                try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                    channel.truncate(whole);
                    channel.force(false);
                }
            }
        }
    }

    /**
     * Rewrites both current files of {@code kind}, streaming line by line: the timeline's
     * snapshot is tens of MB, which as one string per batch could exhaust the heap.
     */
    private void writeSnapshot(StateKind kind) throws IOException {
        List<Column> columns = StateColumns.of(kind);
        replace(currentJsonl(dir, kind), out -> {
            for (ObjectNode node : current.get(kind).values()) {
                out.write(node.toString());
                out.write('\n');
            }
        });
        replace(currentCsv(dir, kind), out -> {
            out.write(Csv.line(currentHeader(kind)));
            out.write('\n');
            for (ObjectNode node : current.get(kind).values()) {
                List<Object> row = new ArrayList<>();
                row.add(node.get("key").asText());
                for (Column column : columns) {
                    row.add(column.valueOf(node));
                }
                out.write(Csv.line(row));
                out.write('\n');
            }
        });
    }

    private interface Lines {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes {@code file} whole through a temporary file, forced to disk, then renamed over it. */
    private static void replace(Path file, Lines lines) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16);
            lines.writeTo(out);
            out.flush();
            channel.force(false);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private TreeMap<String, ObjectNode> loadSnapshot(StateKind kind) throws IOException {
        TreeMap<String, ObjectNode> snapshot = new TreeMap<>();
        Path file = currentJsonl(dir, kind);
        if (!Files.exists(file)) {
            return snapshot;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Iterator<String> lines = reader.lines().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (!line.isBlank()) {
                    ObjectNode node = (ObjectNode) AvroJson.MAPPER.readTree(line);
                    snapshot.put(node.get("key").asText(), node);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return snapshot;
    }

    /** Stops consuming and rewrites the current files; files are complete up to the last committed batch. */
    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        try {
            writeStaleSnapshots(true);
        } catch (IOException e) {
            LOG.warn("file sink: could not rewrite current/ on stop ({}); the next start applies the logs again", e.toString());
        }
    }

    /** Stops consuming without rewriting the current files: what a crash leaves (tests). */
    void stopAsIfCrashed() {
        reader.close();
    }
}
