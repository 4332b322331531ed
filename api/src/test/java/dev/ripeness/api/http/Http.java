package dev.ripeness.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripeness.schema.json.AvroJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for the API tests: answers with status, headers and parsed JSON. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    record Answer(int status, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return AvroJson.MAPPER.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        String body() {
            return raw.body();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static Answer get(ApiServer server, String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(server, pathAndQuery)).GET());
    }

    /** A JSON POST with the server's write token, as an authorised client sends it. */
    static Answer post(ApiServer server, String path, String body) {
        return post(server, path, "application/json", server.writeToken(), body);
    }

    /** A POST with the given content type and token (null: no such header). */
    static Answer post(ApiServer server, String path, String contentType, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    static URI uri(ApiServer server, String pathAndQuery) {
        return URI.create("http://localhost:" + server.port() + pathAndQuery);
    }

    static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
