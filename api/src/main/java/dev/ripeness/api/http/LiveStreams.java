package dev.ripeness.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripeness.api.live.LiveChange;
import dev.ripeness.api.live.StateChanges;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;

/**
 * The Server-Sent Events sessions: each open {@code /api/stream} holds a bounded queue fed
 * by {@link StateChanges} and a request thread that drains it, writing one SSE event per
 * change and a comment line as keep-alive (which also notices clients that went away).
 * A client too slow to keep up is disconnected; the browser's EventSource reconnects and
 * the dashboard reloads its data.
 */
final class LiveStreams {

    private static final LiveChange STOP = new LiveChange("stop", "", "", null);
    private static final int QUEUE = 1_000;

    private final StateChanges changes;
    private final Duration keepAlive;
    private final int maxClients;
    private final Set<BlockingQueue<LiveChange>> sessions = ConcurrentHashMap.newKeySet();
    /** Places taken, counted before a session exists so that two clients cannot both take the last one. */
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean closed;

    LiveStreams(StateChanges changes, Duration keepAlive, int maxClients) {
        this.changes = changes;
        this.keepAlive = keepAlive;
        this.maxClients = maxClients;
    }

    int clients() {
        return open.get();
    }

    /** Serves one client until it goes away or the server stops; {@code conflict} null = every conflict. */
    void serve(org.eclipse.jetty.server.Response response, String conflict) throws IOException {
        if (closed) {
            throw new ApiException(503, "the server is stopping", Map.of("Retry-After", "5"));
        }
        if (open.incrementAndGet() > maxClients) {
            open.decrementAndGet();
            throw new ApiException(503, "too many live streams open (" + maxClients + "); retry later",
                    Map.of("Retry-After", "10"));
        }
        BlockingQueue<LiveChange> queue = new LinkedBlockingQueue<>(QUEUE);
        boolean[] overflow = {false};
        sessions.add(queue);
        try (AutoCloseable subscription = changes.subscribe(change -> {
            if ((conflict == null || conflict.equals(change.conflict())) && !queue.offer(change)) {
                overflow[0] = true;
                queue.clear();
                queue.offer(STOP);
            }
        })) {
            response.setStatus(200);
            response.getHeaders().put("Content-Type", "text/event-stream; charset=utf-8");
            response.getHeaders().put("Cache-Control", "no-cache");
            response.getHeaders().put("X-Accel-Buffering", "no");
            ApiRoutes.SECURITY_HEADERS.forEach((k, v) -> response.getHeaders().put(k, v));
            OutputStream out = Content.Sink.asOutputStream(response);
            write(out, ": connected" + (conflict == null ? "" : " to " + conflict) + "\nretry: 3000\n\n");
            while (!closed && !overflow[0]) {
                LiveChange change = queue.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                if (change == STOP) {
                    break;
                }
                write(out, change == null ? ": keep-alive\n\n" : event(change));
            }
            out.close();
        } catch (IOException e) {
            // The client went away: nothing to tell anyone.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("live stream failed", e);
        } finally {
            sessions.remove(queue);
            open.decrementAndGet();
        }
    }

    private String event(LiveChange change) {
        ObjectNode data = JsonViews.object();
        data.put("kind", change.kind());
        data.put("conflict", change.conflict());
        data.put("key", change.key());
        data.set("value", change.value());
        // Compact JSON never contains a raw newline, so one data: line carries it.
        return "id: " + sequence.incrementAndGet() + "\nevent: " + change.kind() + "\ndata: " + data + "\n\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Ends every session so that the server can stop without waiting for browsers. */
    void close() {
        closed = true;
        sessions.forEach(q -> {
            q.clear();
            q.offer(STOP);
        });
    }
}
