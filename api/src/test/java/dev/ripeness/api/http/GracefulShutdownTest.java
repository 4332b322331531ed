package dev.ripeness.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripeness.producers.feed.EventFeed;
import dev.ripeness.producers.feed.FeedReport;
import dev.ripeness.producers.feed.Utf8Body;
import dev.ripeness.producers.feed.RecordResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing the server: stop accepting, let the requests in flight finish and answer, then return. */
class GracefulShutdownTest {

    /** A feed that holds each POST until the test lets it go, as a slow Kafka commit would. */
    private static final class HeldFeed implements EventFeed {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public FeedReport feedJson(Utf8Body body, String origin) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new FeedReport(List.of(new RecordResult(1, "held-1", RecordResult.Status.ACCEPTED, null)));
        }

        @Override
        public FeedReport feedCsv(Utf8Body body, String origin) {
            return feedJson(body, origin);
        }
    }

    @Test
    void shouldAnswerThePostInFlightAndRefuseNewConnectionsWhileClosing() throws Exception {
        // Given a POST whose feed is still writing
        HeldFeed feed = new HeldFeed();
        ApiServer server = ApiServer.builder(FakeStateQueries.withTestSeries(), TestSeries.catalog()).port(0).feed(feed).start();
        int port = server.port();
        CompletableFuture<Http.Answer> post = CompletableFuture.supplyAsync(
                () -> Http.post(server, "/api/events", "[{\"eventId\":\"held-1\",\"date\":\"2025-03-01\"}]"));
        assertThat(feed.entered.await(20, TimeUnit.SECONDS)).as("the POST reached the feed").isTrue();

        // When the server is closed (as SIGTERM does)
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

        // Then no new connection is accepted while the POST is in flight
        org.awaitility.Awaitility.await("the server stopped accepting").atMost(java.time.Duration.ofSeconds(10))
                .until(() -> refused(port));
        assertThat(closing).isNotDone();

        // And once the feed is done, the client gets its answer, and close returns
        feed.release.countDown();
        Http.Answer answer = post.get(20, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("accepted").asInt()).isEqualTo(1);
        closing.get(20, TimeUnit.SECONDS);
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(ConnectException.class);
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
