package dev.ripeness.bench.endtoend;

import dev.ripeness.broker.EmbeddedKafkaBroker;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.event.EventFormatException;
import dev.ripeness.producers.event.EventJson;
import dev.ripeness.producers.feed.FeedReport;
import dev.ripeness.producers.feed.FeedSummary;
import dev.ripeness.producers.feed.FeedTopics;
import dev.ripeness.producers.feed.KafkaEventFeed;
import dev.ripeness.producers.feed.Offers;
import dev.ripeness.producers.generate.EventGenerator;
import dev.ripeness.schema.Event;
import dev.ripeness.sinks.SinkTopics;
import dev.ripeness.sinks.files.FileSink;
import dev.ripeness.schema.serde.AvroSerde;
import dev.ripeness.streams.RipenessPipeline;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.topology.BoundedMemoryRocksDBConfig;
import dev.ripeness.topics.TopicAdmin;
import dev.ripeness.topics.TopicReader;
import dev.ripeness.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One end-to-end run on a real (embedded) broker. The topology reads and writes the
 * pipeline's own topic names ({@link Topics}), so the run owns its broker: a throw-away
 * KRaft broker in {@code workDir}, never a cluster someone else uses.
 *
 * <p>Phases, each timed on its own so they do not blur: generate events to a JSONL file;
 * feed them through the real {@link KafkaEventFeed} (and, for comparison, a bare
 * transactional producer to a scratch topic); start the pipeline on the full log and count
 * processed records every 20 ms until it has them all, so the rate over each tenth of the
 * events shows whether cost grows with history; then send marker events one transaction
 * at a time at a steady rate and time each until its date's timeline record is readable
 * with {@code read_committed}.
 *
 * <p>With {@code warmupEvents} above 0 the same phases first run on that many events in a
 * {@code warmup} directory under {@code workDir}, on their own broker, which is stopped and the
 * directory deleted before the measured run starts: the measured run then finds the feed,
 * broker, clients, pipeline and anchor compiled by the JIT (run right after a cold pipeline, the
 * anchor found only the broker's, clients' and Streams' code compiled). Each phase reports the
 * JIT's work during it ({@link JitClock}).
 */
public final class EndToEndBench {

    /** Scratch topic of the raw-producer comparison; the pipeline never reads it. */
    public static final String RAW_TOPIC = "bench.raw-ingest";
    private static final LocalDate MARKER_START = LocalDate.of(2025, 1, 1);
    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** BoundedMemoryRocksDBConfig's default budget: the bench sets no ripeness.rocksdb.total.bytes. */
    private static final long ROCKSDB_DEFAULT_BUDGET = 64L * 1024 * 1024;

    private final BenchSettings settings;
    private final Path workDir;
    private final Consumer<String> progress;

    /**
     * @param workDir  empty directory for the broker's log, state stores and the generated file
     * @param progress hears one line per phase (for stderr)
     */
    public EndToEndBench(BenchSettings settings, Path workDir, Consumer<String> progress) {
        this.settings = settings;
        this.workDir = workDir;
        this.progress = progress;
    }

    /** Runs the warm-up (if any), then every phase, and returns what was measured. */
    public BenchReport run() throws Exception {
        BenchReport.Warmup warmup = null;
        if (settings.warmup().isPresent()) {
            warmup = warmUp(settings.warmup().get());
            System.gc(); // the warm-up's garbage must not count in the measured run's peak heap or GC CPU
        }
        return measure(warmup);
    }

    /** The warm-up run, in its own directory with its own broker, deleted afterwards. */
    private BenchReport.Warmup warmUp(BenchSettings warm) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve("warmup"));
        progress.accept("warming up on " + warm.events() + " events (own broker in " + dir + ", deleted afterwards)");
        JitClock jit0 = JitClock.now();
        long t0 = System.nanoTime();
        BenchReport r;
        try {
            r = new EndToEndBench(warm, dir, line -> progress.accept("warm-up: " + line)).measure(null);
        } finally {
            deleteTree(dir);
        }
        double seconds = seconds(System.nanoTime() - t0);
        BenchReport.Jit jit = JitClock.now().since(jit0);
        progress.accept(String.format(java.util.Locale.ROOT, "warm-up done in %.1f s (JIT compile %.0f ms, compiler CPU %.0f ms); measuring",
                seconds, jit.compileMillis(), jit.compilerThreadCpuMillis()));
        return new BenchReport.Warmup(warm.events(), seconds, jit, r.pipeline().eventsPerSecond(), r.pipeline().jit(),
                r.anchor() == null ? null : r.anchor().app().eventsPerSecond(),
                r.anchor() == null ? null : r.anchor().app().jit());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private BenchReport measure(BenchReport.Warmup warmup) throws Exception {
        HeapSampler heap = new HeapSampler();
        try (heap; EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir, 0)) {
            String bootstrap = broker.bootstrapServers();
            Map<String, Object> client = Map.of("bootstrap.servers", bootstrap);
            try (Admin admin = Admin.create(client)) {
                TopicAdmin.ensure(admin, Topics.all(), settings.partitions(), (short) 1);
                admin.createTopics(List.of(new NewTopic(RAW_TOPIC, settings.partitions(), (short) 1),
                        new NewTopic(AnchorApp.INPUT, settings.partitions(), (short) 1),
                        new NewTopic(AnchorApp.OUTPUT, settings.partitions(), (short) 1))).all().get();

                Path conflictsDir = workDir.resolve("conflicts");
                Path eventsFile = workDir.resolve("events.jsonl");
                EventGenerator generator = new EventGenerator(new EventGenerator.Settings(settings.events(),
                        settings.conflicts(), settings.seed(), settings.lateShare(), 0, 0,
                        EventGenerator.Settings.spanFor(settings.events(), settings.conflicts(), settings.eventsPerDay())));
                generator.writeConflicts(conflictsDir);
                EventGenerator.Counts counts;
                try (Writer w = Files.newBufferedWriter(eventsFile, StandardCharsets.UTF_8)) {
                    counts = generator.write(w);
                }
                ConflictCatalog catalog = ConflictCatalog.load(conflictsDir);
                progress.accept("generated " + counts.total() + " events; feeding them through KafkaEventFeed");

                try (KafkaEventFeed feed = new KafkaEventFeed(client, catalog, FeedTopics.DEFAULT, (c, id) -> false,
                        KafkaEventFeed.DEFAULT_BATCH)) {
                    JitClock feedJit = JitClock.now();
                    long t0 = System.nanoTime();
                    FeedSummary fed;
                    try (BufferedReader in = Files.newBufferedReader(eventsFile, StandardCharsets.UTF_8)) {
                        fed = feed.feed(Offers.jsonLines(in, "ripeness bench"), r -> { });
                    }
                    double feedSeconds = seconds(System.nanoTime() - t0);
                    BenchReport.Jit feedJitUsed = JitClock.now().since(feedJit);
                    progress.accept("fed " + fed + "; now the raw transactional producer");
                    JitClock[] rawJit = new JitClock[2];
                    long[] raw = rawIngest(client, eventsFile, rawJit);
                    double rawSeconds = seconds(raw[1]);
                    BenchReport.Ingest ingest = new BenchReport.Ingest(counts.total(), counts.late(), fed.accepted(),
                            fed.rejected(), fed.duplicates(), feedSeconds, fed.total() / feedSeconds, raw[0], rawSeconds,
                            raw[0] / rawSeconds, feedJitUsed, rawJit[1].since(rawJit[0]));

                    long anchorEvents = settings.anchor() ? anchorIngest(client, eventsFile) : 0;

                    String appId = "ripeness-bench-" + UUID.randomUUID();
                    progress.accept("starting the pipeline (" + appId + ") on " + fed.accepted() + " events");
                    BenchReport.Pipeline measured;
                    BenchReport.Latency latency;
                    BenchReport.Sustained sustained = null;
                    BenchReport.LateBatch lateBatch = null;
                    Properties pipelineConfig = RipenessPipeline.config(bootstrap, appId, workDir.resolve("state"),
                            settings.pipelineOverrides());
                    Counters before = Counters.now();
                    try (FileSink files = settings.lateBatch() > 0 ? FileSink.start(workDir.resolve("files"), client,
                            SinkTopics.defaults(), "ripeness-bench-files", settings.sinkLogCompression()) : null) {
                        try (RipenessPipeline pipeline = RipenessPipeline.start(catalog, ModelConfig.bundled(), pipelineConfig)) {
                            measured = consumeAll(pipeline, admin, appId, Topics.EVENTS.name(), fed.accepted(), before,
                                    () -> pipeline.pendingFolds() == 0);
                            progress.accept("pipeline consumed the log at " + Math.round(measured.eventsPerSecond())
                                    + " events/s; timing " + settings.markers() + " markers");
                            latency = markers(client, feed);
                            if (settings.sustainedRate() > 0) {
                                progress.accept("feeding " + settings.sustainedRate() + " events/s for "
                                        + settings.sustainedSeconds() + " s");
                                sustained = sustained(client, feed, eventsFile);
                            }
                        }
                        if (files != null) {
                            lateBatch = lateBatch(admin, client, feed, eventsFile, catalog, pipelineConfig, appId, files, measured);
                        }
                    }
                    BenchReport.Anchor anchor = null;
                    BenchReport.Anchor ledgerAnchor = null;
                    if (settings.anchor()) {
                        anchor = BenchReport.Anchor.of(measured, anchor(admin, bootstrap, workDir, "anchor", AnchorApp.topology(),
                                anchorEvents));
                        ledgerAnchor = BenchReport.Anchor.of(measured, anchor(admin, bootstrap, workDir, "ledger-anchor",
                                AnchorApp.withLedger(), anchorEvents));
                    }
                    BenchReport.Setup setup = new BenchReport.Setup(settings.events(), settings.conflicts(),
                            settings.lateShare(), settings.seed(), settings.eventsPerDay(), settings.partitions(),
                            Runtime.getRuntime().availableProcessors(), StreamsConfig.EXACTLY_ONCE_V2,
                            rocksDbBudget(), System.getProperty("java.version"), overrides(), settings.warmupEvents());
                    return new BenchReport(setup, ingest, measured, anchor, ledgerAnchor,
                            anchor == null ? null : ledgerAnchor.app().eventsPerSecond() / anchor.app().eventsPerSecond(),
                            lateBatch, latency, sustained, heap.report(), warmup);
                }
            }
        }
    }

    /**
     * Sends the same events with a bare transactional producer (500 per transaction); returns
     * {count, nanos} of the timed part and puts the JIT's counters at its start and end in {@code jit}.
     */
    private static long[] rawIngest(Map<String, Object> client, Path eventsFile, JitClock[] jit) throws IOException {
        AvroSerde<Event> serde = AvroSerde.of(Event.class);
        Map<String, Object> config = KafkaEventFeed.producerConfig(client, "ripeness-bench-raw-" + UUID.randomUUID());
        long count = 0;
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
             BufferedReader in = Files.newBufferedReader(eventsFile, StandardCharsets.UTF_8)) {
            p.initTransactions();
            jit[0] = JitClock.now();
            long t0 = System.nanoTime();
            boolean open = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Event e;
                try {
                    e = EventJson.parse(line);
                } catch (EventFormatException bad) {
                    continue; // the feed dead-letters these; the raw path only moves good events
                }
                if (!open) {
                    p.beginTransaction();
                    open = true;
                }
                p.send(new ProducerRecord<>(RAW_TOPIC, e.getConflict(), serde.encode(e)));
                if (++count % KafkaEventFeed.DEFAULT_BATCH == 0) {
                    p.commitTransaction();
                    open = false;
                }
            }
            if (open) {
                p.commitTransaction();
            }
            long nanos = System.nanoTime() - t0;
            jit[1] = JitClock.now();
            return new long[] {count, nanos};
        }
    }

    /**
     * The late batch: with the pipeline stopped, feeds {@code --late-batch} events dated
     * uniformly over the last five years before the latest generated date (or the whole history
     * when it is shorter; copies of generated
     * events under new ids), restarts the pipeline on its state and measures how fast it absorbs
     * them and how much the file sink's change logs grow per late event.
     */
    private BenchReport.LateBatch lateBatch(Admin admin, Map<String, Object> client, KafkaEventFeed feed, Path eventsFile,
                                            ConflictCatalog catalog,
                                            Properties pipelineConfig, String appId, FileSink files,
                                            BenchReport.Pipeline inOrder) throws Exception {
        awaitSinkCaughtUp(files, client);
        long logBefore = logBytes(workDir.resolve("files"));
        List<Event> batch = new ArrayList<>();
        List<Event> pool = new ArrayList<>();
        String latest = "";
        String earliest = "9999-12-31";
        try (BufferedReader in = Files.newBufferedReader(eventsFile, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Event e = EventJson.parse(line);
                pool.add(e);
                latest = e.getDate().compareTo(latest) > 0 ? e.getDate() : latest;
                earliest = e.getDate().compareTo(earliest) < 0 ? e.getDate() : earliest;
            }
        }
        LocalDate end = LocalDate.parse(latest);
        LocalDate start = end.minusYears(5).isBefore(LocalDate.parse(earliest)) ? LocalDate.parse(earliest) : end.minusYears(5);
        long days = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(start, end));
        java.util.SplittableRandom random = new java.util.SplittableRandom(settings.seed() + 17);
        for (int i = 0; i < settings.lateBatch(); i++) {
            Event template = pool.get(random.nextInt(pool.size()));
            batch.add(Event.newBuilder(template).setEventId("bench-late-" + settings.seed() + "-" + i)
                    .setDate(start.plusDays(random.nextLong(days)).toString()).build());
        }
        for (int i = 0; i < batch.size(); i += KafkaEventFeed.DEFAULT_BATCH) {
            FeedReport r = feed.feedEvents(batch.subList(i, Math.min(batch.size(), i + KafkaEventFeed.DEFAULT_BATCH)),
                    "ripeness bench late batch");
            if (r.accepted() != Math.min(KafkaEventFeed.DEFAULT_BATCH, batch.size() - i)) {
                throw new IllegalStateException("the late batch was not accepted whole: " + r.results());
            }
        }
        progress.accept("fed a late batch of " + batch.size() + " events dated " + start + ".." + end
                + "; restarting the pipeline on its state");
        Counters before = Counters.now();
        BenchReport.Pipeline absorbed;
        try (RipenessPipeline pipeline = RipenessPipeline.start(catalog, ModelConfig.bundled(), pipelineConfig)) {
            absorbed = consumeAll(pipeline, admin, appId, Topics.EVENTS.name(), batch.size(), before,
                    () -> pipeline.pendingFolds() == 0);
        }
        awaitSinkCaughtUp(files, client);
        long logAfter = logBytes(workDir.resolve("files"));
        progress.accept("late batch absorbed at " + Math.round(absorbed.eventsPerSecond()) + " events/s");
        return new BenchReport.LateBatch(batch.size(), start.toString(), end.toString(), absorbed,
                absorbed.eventsPerSecond() / inOrder.eventsPerSecond(),
                absorbed.streamThreadCpuMillisPerEvent() / inOrder.streamThreadCpuMillisPerEvent(),
                (logAfter - logBefore) / 1024.0 / batch.size(), files.logCompression().name());
    }

    /**
     * Waits (up to two minutes) until the file sink has stored every committed record of the
     * state topics, counted by reading them; the pipeline is stopped, so that count is final.
     * Its committed offsets cannot say it (they stop before the transaction markers at the ends
     * of the exactly-once state topics), and a pause in its writes cannot either: one batch can
     * rewrite a current snapshot of tens of MB for seconds.
     */
    private static void awaitSinkCaughtUp(FileSink files, Map<String, Object> client) {
        long records = 0;
        for (String topic : SinkTopics.defaults().all()) {
            records += TopicReader.readToEnd(client, topic, TopicReader.DEFAULT_DEADLINE, r -> { });
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (files.reader().storedChanges() < records) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the file sink stored " + files.reader().storedChanges() + " of the "
                        + records + " state records in two minutes");
            }
            files.reader().lastFailure().ifPresent(e -> {
                throw new IllegalStateException("the file sink failed: " + e.getMessage(), e);
            });
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** Bytes of the file sink's change logs ({@code log/*.jsonl} and {@code log/*.csv}). */
    private static long logBytes(Path filesDir) throws IOException {
        try (var files = Files.list(filesDir.resolve("log"))) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** Runs one of the {@link AnchorApp}s ({@code name}: its application id's and state dir's) on the anchor's input. */
    private BenchReport.Pipeline anchor(Admin admin, String bootstrap, Path workDir, String name, org.apache.kafka.streams.Topology topology,
                                        long events) throws Exception {
        String appId = "ripeness-bench-" + name + "-" + UUID.randomUUID();
        progress.accept("starting the " + name + " app (" + appId + ") on " + events + " events");
        Counters before = Counters.now();
        try (RipenessPipeline app = RipenessPipeline.start(topology,
                RipenessPipeline.config(bootstrap, appId, workDir.resolve(name + "-state"), settings.pipelineOverrides()))) {
            BenchReport.Pipeline a = consumeAll(app, admin, appId, AnchorApp.INPUT, events, before, () -> true);
            progress.accept(name + " consumed the log at " + Math.round(a.eventsPerSecond()) + " events/s");
            return a;
        }
    }

    /** Sends every event line as JSON (key conflict) to the anchor's input topic; returns how many. */
    private static long anchorIngest(Map<String, Object> client, Path eventsFile) throws IOException {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        long count = 0;
        try (KafkaProducer<String, String> p = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
             BufferedReader in = Files.newBufferedReader(eventsFile, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Event e;
                try {
                    e = EventJson.parse(line);
                } catch (EventFormatException bad) {
                    continue;
                }
                p.send(new ProducerRecord<>(AnchorApp.INPUT, e.getConflict(), line));
                count++;
            }
            p.flush();
        }
        return count;
    }

    /**
     * This process's cumulative counters at one moment: bytes the embedded broker appended for
     * clients (its {@code BytesInPerSec} meter, every topic) and CPU time.
     */
    record Counters(long brokerBytesIn, long processCpuNanos) {
        static Counters now() {
            return new Counters(readBrokerBytesIn(), ((com.sun.management.OperatingSystemMXBean)
                    ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
        }

        static long readBrokerBytesIn() {
            try {
                Object count = ManagementFactory.getPlatformMBeanServer().getAttribute(
                        new javax.management.ObjectName("kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec"), "Count");
                return ((Number) count).longValue();
            } catch (javax.management.JMException e) {
                throw new IllegalStateException("the embedded broker's BytesInPerSec meter is not in JMX: " + e, e);
            }
        }
    }

    /** Records the app's producer sent (outputs, changelogs), from its producer-metrics. */
    private static long recordsSent(RipenessPipeline app) {
        return Math.round(app.streams().metrics().values().stream()
                .filter(m -> m.metricName().name().equals("record-send-total") && m.metricName().group().equals("producer-metrics"))
                .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum());
    }

    /** Waits until the broker's byte count stops moving for half a second (the last commit's records are in). */
    private static long quietBrokerBytes() {
        long last = Counters.readBrokerBytesIn();
        long quietSince = System.nanoTime();
        long deadline = quietSince + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(500) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            long now = Counters.readBrokerBytesIn();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        return last;
    }

    /**
     * Samples the stream thread's processed count until it reaches {@code expected} and the app
     * says it is {@code settled} (no work left for later); derives rates per tenth, CPU, bytes
     * written to the broker and records sent per event.
     */
    private BenchReport.Pipeline consumeAll(RipenessPipeline pipeline, Admin admin, String appId, String topic, long expected,
                                            Counters before, java.util.function.BooleanSupplier settled)
            throws InterruptedException {
        long started = System.nanoTime();
        if (!pipeline.awaitRunning(settings.timeout())) {
            throw new IllegalStateException("the pipeline did not reach RUNNING within " + settings.timeout());
        }
        double startup = seconds(System.nanoTime() - started);
        Metric processedMetric = threadMetric(pipeline, "process-total");
        List<long[]> samples = new ArrayList<>(); // {nanoTime, processed, process CPU nanos, stream thread CPU nanos}
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean cpu =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        long processed = 0;
        // Processing starts when the app reaches RUNNING: that moment counts as "nothing processed
        // yet" even when a fast app has already processed everything by the first sample.
        JitClock jitAtStart = JitClock.now(); // read again with every sample before the first processed record
        long rocksdbAtStart = ThreadCpu.nanos(ThreadCpu.ROCKSDB); // likewise
        samples.add(new long[] {System.nanoTime(), 0, cpu.getProcessCpuTime(), streamThreadCpu(threads)});
        long step = Math.max(1, expected / 10);
        long nextReport = step;
        boolean done = false;
        JitClock jitAtEnd = null;
        long rocksdbAtEnd = -1;
        while (!done) {
            processed = Math.round(((Number) processedMetric.metricValue()).doubleValue());
            done = processed >= expected && settled.getAsBoolean();
            if (processed == 0) {
                jitAtStart = JitClock.now();
                rocksdbAtStart = ThreadCpu.nanos(ThreadCpu.ROCKSDB);
            }
            samples.add(new long[] {System.nanoTime(), processed, cpu.getProcessCpuTime(), streamThreadCpu(threads)});
            if (processed >= nextReport && processed < expected) {
                progress.accept("pipeline processed " + processed + " of " + expected + " events after "
                        + Math.round(seconds(System.nanoTime() - started)) + " s");
                nextReport += step;
            }
            if (done) {
                jitAtEnd = JitClock.now();
                rocksdbAtEnd = ThreadCpu.nanos(ThreadCpu.ROCKSDB);
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline processed " + processed + " of " + expected
                        + " events within " + settings.timeout() + "; raise --timeout or lower --events");
            }
            LockSupport.parkNanos(SAMPLE_NANOS);
        }
        int startIndex = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i)[1] == 0) {
                startIndex = i; // the last moment nothing was processed yet: processing starts after it
            }
        }
        double[] bounds = new double[11];
        double[] cpuBounds = new double[11];
        bounds[0] = samples.get(startIndex)[0];
        cpuBounds[0] = samples.get(startIndex)[2];
        double[] threadBounds = new double[11];
        threadBounds[0] = samples.get(startIndex)[3];
        for (int k = 1; k < 10; k++) {
            bounds[k] = at(samples, expected * k / 10.0, 0);
            cpuBounds[k] = at(samples, expected * k / 10.0, 2);
            threadBounds[k] = at(samples, expected * k / 10.0, 3);
        }
        long[] last = samples.get(samples.size() - 1); // settled: the last tenth includes the work left for later
        bounds[10] = last[0];
        cpuBounds[10] = last[2];
        threadBounds[10] = last[3];
        List<Double> deciles = new ArrayList<>();
        List<Double> cpuDeciles = new ArrayList<>();
        List<Double> threadDeciles = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            deciles.add(expected / 10.0 / Math.max(1e-9, (bounds[k + 1] - bounds[k]) / 1e9));
            cpuDeciles.add((cpuBounds[k + 1] - cpuBounds[k]) / 1e6 / (expected / 10.0));
            threadDeciles.add((threadBounds[k + 1] - threadBounds[k]) / 1e6 / (expected / 10.0));
        }
        double total = (bounds[10] - bounds[0]) / 1e9;
        boolean committed = committedToEnd(admin, appId, topic);
        double cpuPerEvent = (cpuBounds[10] - cpuBounds[0]) / 1e6 / expected;
        double threadPerEvent = (threadBounds[10] - threadBounds[0]) / 1e6 / expected;
        long bytes = quietBrokerBytes() - before.brokerBytesIn();
        return new BenchReport.Pipeline(startup, processed, committed, total, expected / total, deciles.get(0),
                deciles.get(9), deciles.get(9) / deciles.get(0), deciles, cpuPerEvent, cpuDeciles,
                threadDeciles, threadPerEvent,
                // NaN when unreadable, or when a RocksDB thread ended (the count went back)
                rocksdbAtStart < 0 || rocksdbAtEnd < rocksdbAtStart ? Double.NaN : (rocksdbAtEnd - rocksdbAtStart) / 1e6 / expected,
                bytes / 1024.0 / expected, recordsSent(pipeline) / (double) expected, jitAtEnd.since(jitAtStart));
    }

    /** Column {@code column} of the samples when the processed count crossed {@code x}, interpolated linearly. */
    private static double at(List<long[]> samples, double x, int column) {
        for (int i = 0; i < samples.size(); i++) {
            long[] s = samples.get(i);
            if (s[1] >= x) {
                if (i == 0) {
                    return s[column];
                }
                long[] p = samples.get(i - 1);
                return p[column] + (s[column] - p[column]) * (x - p[1]) / (double) (s[1] - p[1]);
            }
        }
        return samples.get(samples.size() - 1)[column];
    }

    /** CPU time of the application's stream threads: the pipeline's own work, without the broker's. */
    private static long streamThreadCpu(java.lang.management.ThreadMXBean threads) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("-StreamThread-")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    /** Sum of one stream-thread metric over the application's threads (one here). */
    private static Metric threadMetric(RipenessPipeline pipeline, String name) {
        List<Metric> found = pipeline.streams().metrics().values().stream()
                .filter(m -> m.metricName().name().equals(name) && m.metricName().group().equals("stream-thread-metrics"))
                .collect(Collectors.toList());
        if (found.size() != 1) {
            throw new IllegalStateException("expected one stream-thread metric " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    /** Whether the app's committed offsets reach the event log's end offsets (waits up to 30 s for the last commit). */
    private static boolean committedToEnd(Admin admin, String appId, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                committed.keySet().stream().filter(tp -> tp.topic().equals(topic))
                        .forEach(tp -> ends.put(tp, OffsetSpec.latest()));
                var endOffsets = admin.listOffsets(ends).all().get();
                boolean done = !ends.isEmpty() && endOffsets.entrySet().stream()
                        .allMatch(e -> committed.get(e.getKey()).offset() >= e.getValue().offset());
                if (done || System.nanoTime() > deadline) {
                    return done;
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot read offsets of " + appId + ": " + e.getCause().getMessage(), e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /**
     * Sends in-order markers (a new date after all bulk dates, conflicts in turn) one
     * transaction each at {@code markerRate}, and times each until its date's timeline
     * record arrives on a read_committed consumer positioned at the end beforehand.
     */
    private BenchReport.Latency markers(Map<String, Object> client, KafkaEventFeed feed) throws InterruptedException {
        try (FirstArrivals arrived = new FirstArrivals(client)) {
            long[] sent = new long[settings.markers()];
            String[] keys = new String[settings.markers()];
            long period = TimeUnit.SECONDS.toNanos(1) / settings.markerRate();
            JitClock jit0 = JitClock.now();
            long begin = System.nanoTime();
            for (int i = 0; i < settings.markers(); i++) {
                LockSupport.parkNanos(begin + i * period - System.nanoTime());
                Event marker = marker(i);
                keys[i] = marker.getConflict() + "|" + marker.getDate();
                sent[i] = System.nanoTime();
                FeedReport r = feed.feedEvents(List.of(marker), "ripeness bench marker");
                if (r.accepted() != 1) {
                    throw new IllegalStateException("marker " + marker.getEventId() + " was not accepted: " + r.results());
                }
            }
            double rate = settings.markers() / Math.max(1e-9, seconds(System.nanoTime() - begin));
            List<Double> millis = arrived.latencies(keys, sent);
            return new BenchReport.Latency(settings.markers(), millis.size(), Math.min(rate, settings.markerRate()),
                    percentile(millis, 50), percentile(millis, 95), percentile(millis, 99),
                    millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1), JitClock.now().since(jit0));
        }
    }

    /**
     * Feeds in-order events at {@code --sustained-rate} for {@code --sustained-seconds}: every
     * 10 ms tick, the events due by then in one feed transaction (so a slow transaction makes the
     * next one larger, not the rate lower). The events are the generated ones re-dated after the
     * markers, {@code --events-per-day} per conflict-day; the first event of each new
     * conflict-date is timed to that date's timeline record.
     */
    private BenchReport.Sustained sustained(Map<String, Object> client, KafkaEventFeed feed, Path eventsFile)
            throws IOException, InterruptedException {
        List<Event> pool = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(eventsFile, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                try {
                    pool.add(EventJson.parse(line));
                } catch (EventFormatException bad) {
                    // the feed dead-lettered these; only good events make the sustained stream
                }
            }
        }
        long total = (long) settings.sustainedRate() * settings.sustainedSeconds();
        LocalDate first = MARKER_START.plusDays(settings.markers());
        long days = settings.sustainedDates();
        if (first.plusDays(days).isAfter(LocalDate.now())) {
            throw new IllegalArgumentException("--sustained-rate x --sustained-seconds needs " + days + " dates after "
                    + first + ", past today (the feed refuses future dates); raise --events-per-day or lower the rate");
        }
        Map<String, long[]> perConflict = new HashMap<>(); // conflict -> {events sent, day index}
        List<String> keys = new ArrayList<>();
        List<Long> sentAt = new ArrayList<>();
        try (FirstArrivals arrived = new FirstArrivals(client)) {
            long tick = TimeUnit.MILLISECONDS.toNanos(10);
            JitClock jit0 = JitClock.now();
            long begin = System.nanoTime();
            long sent = 0;
            while (sent < total) {
                long due = Math.min(total, (long) ((System.nanoTime() - begin) / 1e9 * settings.sustainedRate()) + 1);
                List<Event> batch = new ArrayList<>();
                List<String> newKeys = new ArrayList<>();
                for (; sent < due; sent++) {
                    Event template = pool.get((int) (sent % pool.size()));
                    long[] c = perConflict.computeIfAbsent(template.getConflict(), k -> new long[2]);
                    long day = (long) (c[0]++ / settings.eventsPerDay());
                    String date = first.plusDays(day).toString();
                    if (day >= c[1]) {
                        c[1] = day + 1;
                        newKeys.add(template.getConflict() + "|" + date);
                    }
                    batch.add(Event.newBuilder(template).setEventId("bench-sustained-" + settings.seed() + "-" + sent)
                            .setDate(date).setCorrects(null).setRetracts(null).build());
                }
                long now = System.nanoTime();
                FeedReport r = feed.feedEvents(batch, "ripeness bench sustained");
                if (r.accepted() != batch.size()) {
                    throw new IllegalStateException("the sustained feed was not accepted whole: " + r.results());
                }
                for (String k : newKeys) {
                    keys.add(k);
                    sentAt.add(now);
                }
                LockSupport.parkNanos(begin + (System.nanoTime() - begin) / tick * tick + tick - System.nanoTime());
            }
            double seconds = seconds(System.nanoTime() - begin);
            List<Double> millis = arrived.latencies(keys.toArray(new String[0]), sentAt.stream().mapToLong(Long::longValue).toArray());
            return new BenchReport.Sustained(settings.sustainedRate(), total / seconds, total, seconds, keys.size(), millis.size(),
                    percentile(millis, 50), percentile(millis, 95), percentile(millis, 99),
                    millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1), JitClock.now().since(jit0));
        }
    }

    /**
     * When each key first appeared on {@code ripeness.assessment-timeline}, read with
     * read_committed by a consumer positioned at the end before anything is sent.
     */
    private static final class FirstArrivals implements AutoCloseable {
        private final Map<String, Long> arrived = new ConcurrentHashMap<>();
        private final AtomicLong stop = new AtomicLong();
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread reader;

        FirstArrivals(Map<String, Object> client) {
            Map<String, Object> config = new HashMap<>(client);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> parts = consumer.partitionsFor(Topics.ASSESSMENT_TIMELINE.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position); // resolve now, before the first event goes out
            reader = new Thread(() -> {
                while (stop.get() == 0) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                        arrived.putIfAbsent(r.key(), System.nanoTime());
                    }
                }
            }, "bench-latency-reader");
            reader.start();
        }

        /** Waits up to 60 s for every key, then returns the sorted latencies (ms) of those that arrived after {@code sent}. */
        List<Double> latencies(String[] keys, long[] sent) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Arrays.stream(keys).anyMatch(k -> !arrived.containsKey(k)) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < keys.length; i++) {
                Long at = arrived.get(keys[i]);
                if (at != null) {
                    millis.add((at - sent[i]) / 1e6);
                }
            }
            millis.sort(Double::compare);
            return millis;
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(1);
            reader.join();
            consumer.close();
        }
    }

    private Event marker(int i) {
        return Event.newBuilder()
                .setEventId("bench-marker-" + settings.seed() + "-" + i)
                .setDate(MARKER_START.plusDays(i).toString())
                .setConflict(EventGenerator.conflictId(1 + i % settings.conflicts()))
                .setActor("A1")
                .setType("STATEMENT")
                .setSources(List.of("ripeness bench marker"))
                .setConfidence(0.5)
                .setPositions(List.of())
                .build();
    }

    private List<String> overrides() {
        return settings.pipelineOverrides().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                .collect(Collectors.toList());
    }

    private long rocksDbBudget() {
        Object configured = settings.pipelineOverrides().get(BoundedMemoryRocksDBConfig.TOTAL_BYTES_CONFIG);
        return configured == null ? ROCKSDB_DEFAULT_BUDGET : Long.parseLong(configured.toString());
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Samples used heap every 50 ms on a daemon thread and keeps the peak. */
    private static final class HeapSampler implements AutoCloseable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-heap-sampler");
            t.setDaemon(true);
            return t;
        });

        HeapSampler() {
            timer.scheduleAtFixedRate(() -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                    0, 50, TimeUnit.MILLISECONDS);
        }

        BenchReport.Heap report() {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            return new BenchReport.Heap(peak.get() / 1048576.0, memory.getHeapMemoryUsage().getMax() / 1048576.0);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
