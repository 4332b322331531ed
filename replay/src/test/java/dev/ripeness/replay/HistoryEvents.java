package dev.ripeness.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.Position;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The bundled Russia–Ukraine history as Events, for replay tests and the benchmark. */
final class HistoryEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryEvents() {}

    static List<Event> bundled() {
        List<Event> out = new ArrayList<>();
        try (InputStream in = HistoryEvents.class.getClassLoader().getResourceAsStream("history/russia-ukraine.jsonl");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(event(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Event event(JsonNode n) {
        List<Position> positions = new ArrayList<>();
        n.path("positions").forEach(p -> positions.add(Position.newBuilder().setDimension(p.path("dimension").asText())
                .setDemand(text(p, "demand")).setAccept(text(p, "accept")).build()));
        List<String> sources = new ArrayList<>();
        n.path("sources").forEach(s -> sources.add(s.asText()));
        return Event.newBuilder().setEventId(n.path("eventId").asText()).setDate(n.path("date").asText())
                .setConflict(n.path("conflict").asText()).setActor(n.path("actor").asText()).setTarget(text(n, "target"))
                .setType(n.path("type").asText()).setFront(text(n, "front"))
                .setAreaKm2(n.hasNonNull("areaKm2") ? n.get("areaKm2").asDouble() : null)
                .setCasualties(n.hasNonNull("casualties") ? n.get("casualties").asLong() : null)
                .setIntensity(n.hasNonNull("intensity") ? n.get("intensity").asDouble() : null)
                .setPositions(positions).setSources(sources).setConfidence(n.path("confidence").asDouble(1.0))
                .setDescription(text(n, "description")).setCorrects(text(n, "corrects")).setRetracts(text(n, "retracts"))
                .setKnownSince(text(n, "knownSince")).setRecordedAt(n.path("recordedAt").asLong(0)).build();
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
