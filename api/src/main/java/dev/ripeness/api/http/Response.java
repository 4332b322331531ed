package dev.ripeness.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripeness.schema.json.AvroJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A complete answer: status, content type, body and extra headers. {@link #STREAMED} marks a handler that wrote its own. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";

    /** The handler has already sent status and body itself (SSE). */
    static final Response STREAMED = new Response(200, null, null, Map.of());

    static Response json(int status, JsonNode node) {
        try {
            return new Response(status, JSON, AvroJson.MAPPER.writeValueAsBytes(node), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    static Response ok(JsonNode node) {
        return json(200, node);
    }

    static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The error body every failure has: {@code {"status": 404, "error": "..."}}. */
    static Response error(int status, String message, Map<String, String> headers) {
        ObjectNode node = AvroJson.MAPPER.createObjectNode();
        node.put("status", status);
        node.put("error", message);
        Response plain = json(status, node);
        return new Response(status, plain.contentType(), plain.body(), headers);
    }
}
