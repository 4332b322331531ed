package dev.ripeness.cli;

import dev.ripeness.api.http.HttpPortInUseException;
import dev.ripeness.api.http.PipelineStatus;
import dev.ripeness.broker.PortInUseException;
import dev.ripeness.runtime.RipenessRuntime;
import dev.ripeness.runtime.RuntimeSettings;
import dev.ripeness.streams.model.ModelConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts broker (unless external), pipeline, API and dashboard; loads the bundled history into an empty log. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
                "Start the broker (unless --bootstrap-servers names a cluster), the pipeline, the HTTP API and the dashboard.",
                "Loads the bundled event history when the log is empty. Stops cleanly on Ctrl-C or SIGTERM."
        })
public final class RunCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    LocalBrokerOptions local;

    @Mixin
    ConflictsOption conflicts;

    @Mixin
    ModelOption modelOption;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the API and dashboard (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Interface the API and dashboard listen on (default: ${DEFAULT-VALUE}, this machine only; "
                    + "0.0.0.0 for every interface).")
    String httpHost;

    @Option(names = "--api-token-file", paramLabel = "FILE",
            description = "File holding the token writes (POST /api/events) need. Default: DATA_DIR/api-token, "
                    + "made with a random token on first start, readable by its owner only.")
    Path apiTokenFile;

    @Option(names = "--read-token", paramLabel = "FILE",
            description = "File holding a token that reads of /api and /metrics then need (default: reads are open).")
    Path readTokenFile;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = "The one web origin (e.g. https://analysis.example.org) allowed cross-origin requests; default none.")
    String corsOrigin;

    @Option(names = "--advertised-http", paramLabel = "HOST:PORT",
            description = "How other instances reach this one's API to forward reads (sets application.server); "
                    + "default localhost:<http-port>, or application.server from --kafka-config.")
    String advertisedHttp;

    @Option(names = "--empty", description = "Do not load the bundled history into an empty log.")
    boolean empty;

    @Mixin
    SinkOptions sinks;

    @Override
    public Integer call() throws Exception {
        verbose.apply();
        RuntimeSettings settings = new RuntimeSettings(kafka.bootstrapServers,
                kafka.fileProperties(),
                local.dataDir(), local.kafkaPort(), httpPort,
                kafka.partitions(), kafka.replicationFactor(), !empty, conflicts.dir(),
                new RuntimeSettings.Http(httpHost, apiTokenFile, readTokenFile, corsOrigin, advertisedHttp));
        try {
            settings.catalog();
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new UserException(e.getMessage());
        }
        ModelConfig model = modelOption.load();
        RipenessRuntime runtime;
        try {
            runtime = RipenessRuntime.start(settings, model);
        } catch (PortInUseException e) {
            throw new UserException("Kafka port " + e.port() + " is already in use: choose another with --kafka-port");
        } catch (HttpPortInUseException e) {
            throw new UserException("HTTP port " + e.port() + " is already in use: choose another with --http-port");
        } catch (dev.ripeness.runtime.DataDirLock.DataDirInUseException | dev.ripeness.topics.ClusterAccess.Refused e) {
            throw new UserException(e.getMessage());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // a token file or --http-host the runtime could not use; the message names it
            throw new UserException(e.getMessage());
        }
        try {
            runtime.startSinks(sinks.postgres(), sinks.files(), sinks.filesCompression());
        } catch (IllegalStateException e) {
            runtime.close();
            throw new UserException(e.getMessage());
        }
        // Ctrl-C and SIGTERM end the wait below so that everything stops in order and the
        // exit code is 0; the hook covers any other way the JVM goes down.
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTermination(stop::countDown);
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "ripeness-shutdown"));
        System.out.println("Kafka:     " + runtime.bootstrapServers() + (kafka.external() ? "" : " (embedded, log in " + settings.dataDir() + ")"));
        System.out.println("Pipeline:  " + RipenessRuntime.PIPELINE_APPLICATION_ID + " (model " + model.version() + ")");
        System.out.println("Dashboard: " + runtime.dashboardUrl() + "  (API under /api, see docs/api.md)");
        System.out.println("API token: " + runtime.writeToken().value() + "  (in " + runtime.writeToken().file()
                + "; writes send `Authorization: Bearer TOKEN`)");
        System.out.flush();
        if (awaitCaughtUp(runtime.pipelineStatus(), runtime::pendingFolds, stop)) {
            System.out.println("Ready. Press Ctrl-C to stop.");
            System.out.flush();
        }
        stop.await();
        System.err.println("ripeness: stopping...");
        runtime.close();
        System.err.println("ripeness: stopped");
        return 0;
    }

    /** How long "Ready" waits for the pipeline before saying it is still catching up. */
    private static final long CATCH_UP_WAIT_MS = 60_000;

    /**
     * "Ready" means the pipeline runs, has processed every event in the log ({@code /ready}'s
     * condition) and folded them into the state, so the state the README's next commands read
     * exists. Says how far behind it is meanwhile; after {@value #CATCH_UP_WAIT_MS} ms it says it
     * is serving while catching up.
     *
     * @return false when a stop was asked for while waiting
     */
    private static boolean awaitCaughtUp(PipelineStatus pipeline, LongSupplier pendingFolds, CountDownLatch stop)
            throws InterruptedException {
        long start = System.currentTimeMillis();
        long lastSaid = start;
        while (true) {
            String state = pipeline.state();
            long lag = pipeline.lag();
            if ("RUNNING".equals(state) && lag == 0 && pendingFolds.getAsLong() == 0) {
                return true;
            }
            long now = System.currentTimeMillis();
            if (now - start >= CATCH_UP_WAIT_MS) {
                System.out.println("Ready, while the pipeline catches up (" + describe(state, lag)
                        + "); GET /ready answers 200 once it has. Press Ctrl-C to stop.");
                return true;
            }
            if (now - lastSaid >= 5_000) {
                System.out.println("Catching up: " + describe(state, lag) + "...");
                System.out.flush();
                lastSaid = now;
            }
            if (stop.await(250, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
    }

    private static String describe(String state, long lag) {
        return "the pipeline is " + state + (lag > 0 ? ", " + lag + " events behind" : "");
    }
}
