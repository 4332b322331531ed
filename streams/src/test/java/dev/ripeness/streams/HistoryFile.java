package dev.ripeness.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.Position;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the bundled history (JSON lines) into events; a test-only reader, independent of the feeders. */
public final class HistoryFile {

    public static final Path RUSSIA_UKRAINE = locate("producers/src/main/resources/history/russia-ukraine.jsonl");

    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryFile() {}

    private static Path locate(String relative) {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + here);
    }

    public static List<Event> read(Path file) {
        try {
            List<Event> events = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    events.add(event(JSON.readTree(line)));
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Event event(JsonNode n) {
        List<Position> positions = new ArrayList<>();
        n.path("positions").forEach(p -> positions.add(Position.newBuilder().setDimension(p.get("dimension").asText())
                .setDemand(text(p, "demand")).setAccept(text(p, "accept")).build()));
        List<String> sources = new ArrayList<>();
        n.path("sources").forEach(s -> sources.add(s.asText()));
        return Event.newBuilder().setEventId(n.get("eventId").asText()).setDate(n.get("date").asText())
                .setConflict(n.get("conflict").asText()).setActor(n.get("actor").asText()).setTarget(text(n, "target"))
                .setType(n.get("type").asText()).setFront(text(n, "front"))
                .setAreaKm2(n.hasNonNull("areaKm2") ? n.get("areaKm2").asDouble() : null)
                .setCasualties(n.hasNonNull("casualties") ? n.get("casualties").asLong() : null)
                .setIntensity(n.hasNonNull("intensity") ? n.get("intensity").asDouble() : null)
                .setPositions(positions).setSources(sources).setConfidence(n.get("confidence").asDouble())
                .setDescription(text(n, "description")).setCorrects(text(n, "corrects")).setRetracts(text(n, "retracts"))
                .setKnownSince(text(n, "knownSince")).build();
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
