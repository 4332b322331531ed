package dev.ripeness.api.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forwards a read to the instance that holds the conflict's state. The forwarded request
 * carries {@link #HEADER}; an instance that receives it answers from its own state and
 * never forwards again, so two instances with stale metadata cannot bounce a request
 * between them.
 */
final class OwnerProxy {

    /** Marks a request already forwarded once; its value names the forwarding instance. */
    static final String HEADER = "X-Ripeness-Forwarded-By";
    /** Set on a forwarded answer: which instance answered. */
    static final String SERVED_BY = "X-Ripeness-Served-By";

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String self;

    OwnerProxy(String self) {
        this.self = self;
    }

    Response forward(String owner, Request request) {
        URI uri = URI.create("http://" + owner + request.rawPathAndQuery());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15))
                .header(HEADER, self)
                .header("Accept", "application/json")
                .GET();
        // Instances of one deployment share their tokens: the owner checks the client's own.
        String authorization = request.header("Authorization");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest forwarded = builder.build();
        try {
            HttpResponse<byte[]> answer = client.send(forwarded, HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(SERVED_BY, owner);
            answer.headers().firstValue("Retry-After").ifPresent(v -> headers.put("Retry-After", v));
            return new Response(answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse(Response.JSON), answer.body(), headers);
        } catch (IOException e) {
            throw new ApiException(502, "the instance holding this conflict's state (" + owner
                    + ") did not answer: " + e.getMessage() + "; retry shortly", Map.of("Retry-After", "2"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is stopping", Map.of("Retry-After", "5"));
        }
    }
}
