package dev.ripeness.sinks.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripeness.producers.feed.EventFeed;
import dev.ripeness.producers.feed.FeedReport;
import dev.ripeness.producers.feed.RecordResult;
import dev.ripeness.schema.json.AvroJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link EventFeed} that checks only what these tests need: each record is a JSON object
 * with an {@code eventId} and a {@code date}; ids already seen are duplicates. Accepts a
 * JSON array or JSON lines like the real feed.
 */
final class FakeEventFeed implements EventFeed {

    final Set<String> seen = ConcurrentHashMap.newKeySet();
    final List<String> origins = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public FeedReport feedJson(String body, String origin) {
        origins.add(origin);
        List<JsonNode> records = new ArrayList<>();
        String trimmed = body.strip();
        try {
            if (trimmed.startsWith("[")) {
                AvroJson.MAPPER.readTree(trimmed).forEach(records::add);
            } else {
                for (String line : trimmed.split("\n")) {
                    if (!line.isBlank()) {
                        records.add(AvroJson.MAPPER.readTree(line));
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        List<RecordResult> results = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String id = r.path("eventId").asText(null);
            if (id == null || !r.hasNonNull("date")) {
                results.add(new RecordResult(i + 1, id, RecordResult.Status.REJECTED,
                        "field `" + (id == null ? "eventId" : "date") + "` is missing"));
            } else if (!seen.add(id)) {
                results.add(new RecordResult(i + 1, id, RecordResult.Status.DUPLICATE, null));
            } else {
                results.add(new RecordResult(i + 1, id, RecordResult.Status.ACCEPTED, null));
            }
        }
        return new FeedReport(results);
    }
}
