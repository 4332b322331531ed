package dev.ripeness.api.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream line by line in the background; tests await the lines they expect. */
final class SseClient implements AutoCloseable {

    /** One thread per stream: a shared pool (the common one has a single thread on two cores) would let one open stream starve another's reader. */
    private static final Executor READER = task -> {
        Thread thread = new Thread(task, "sse-client");
        thread.setDaemon(true);
        thread.start();
    };

    final List<String> lines = new CopyOnWriteArrayList<>();
    final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> body;
    private volatile boolean closed;

    SseClient(URI uri) {
        response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            body = r.body();
            if (closed) {
                // closed before the response arrived: close() could not reach the body
                body.close();
                return;
            }
            try {
                body.forEach(lines::add);
            } catch (RuntimeException e) {
                // stream closed
            }
        }, READER);
    }

    boolean connected() {
        return lines.stream().anyMatch(l -> l.startsWith(": connected"));
    }

    List<String> data() {
        return lines.stream().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    }

    @Override
    public void close() {
        closed = true;
        response.cancel(true);
        Stream<String> open = body;
        if (open != null) {
            open.close();
        }
    }
}
