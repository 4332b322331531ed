package dev.ripeness.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripeness.producers.feed.EventFeed;
import dev.ripeness.producers.feed.FeedReport;
import dev.ripeness.producers.feed.Utf8Body;
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
    public FeedReport feedJson(Utf8Body utf8, String origin) {
        String body = utf8.text();
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
        return results(records);
    }

    /** CSV with a header naming at least eventId and date; no quoting (the tests need none). */
    @Override
    public FeedReport feedCsv(Utf8Body utf8, String origin) {
        String body = utf8.text();
        origins.add(origin);
        String[] lines = body.strip().split("\r?\n");
        List<String> header = List.of(lines[0].split(","));
        List<JsonNode> records = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            var node = AvroJson.MAPPER.createObjectNode();
            for (int c = 0; c < header.size() && c < cells.length; c++) {
                if (!cells[c].isEmpty()) {
                    node.put(header.get(c), cells[c]);
                }
            }
            records.add(node);
        }
        return results(records);
    }

    private FeedReport results(List<JsonNode> records) {
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
