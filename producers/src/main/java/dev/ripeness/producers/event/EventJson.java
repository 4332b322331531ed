package dev.ripeness.producers.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripeness.event.EventFields;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.Location;
import dev.ripeness.schema.Position;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON form of an event (one object; JSONL = one per line). Reading is
 * strict: unknown keys, wrong JSON types and missing required fields are errors naming the
 * field; pipeline-assigned fields ({@code recordedAt}, {@code origin}) are not accepted
 * from outside. Writing emits the fields in canonical order and leaves out absent ones.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventJson() {}

    /** Parses one JSON object text into an event (not yet validated against a conflict). */
    public static Event parse(String text) throws EventFormatException {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            // A limit hit (nesting deeper than 1,000, a huge number) has no location.
            throw new EventFormatException(null, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")"));
        }
        return fromTree(node);
    }

    /** Reads an already parsed JSON value as an event. */
    public static Event fromTree(JsonNode node) throws EventFormatException {
        if (node == null || !node.isObject()) {
            throw new EventFormatException(null, "expected a JSON object {\"eventId\": ..., ...}, found "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!EventFields.ALL.contains(name)) {
                throw new EventFormatException(name, "unknown field; the accepted fields are " + String.join(", ", EventFields.ALL));
            }
        }
        for (String name : EventFields.REQUIRED) {
            if (!node.hasNonNull(name)) {
                throw new EventFormatException(name, "is required");
            }
        }
        Event.Builder b = Event.newBuilder()
                .setEventId(text(node, EventFields.EVENT_ID))
                .setDate(text(node, EventFields.DATE))
                .setDatePrecision(text(node, EventFields.DATE_PRECISION))
                .setConflict(text(node, EventFields.CONFLICT))
                .setActor(text(node, EventFields.ACTOR))
                .setTarget(text(node, EventFields.TARGET))
                .setType(text(node, EventFields.TYPE))
                .setFront(text(node, EventFields.FRONT))
                .setAreaKm2(number(node, EventFields.AREA_KM2))
                .setCasualties(integer(node, EventFields.CASUALTIES))
                .setIntensity(number(node, EventFields.INTENSITY))
                .setPositions(positions(node.get(EventFields.POSITIONS)))
                .setSources(strings(node, EventFields.SOURCES))
                .setConfidence(number(node, EventFields.CONFIDENCE))
                .setDescription(text(node, EventFields.DESCRIPTION))
                .setCorrects(text(node, EventFields.CORRECTS))
                .setRetracts(text(node, EventFields.RETRACTS))
                .setUpstreamId(text(node, EventFields.UPSTREAM_ID))
                .setKnownSince(text(node, EventFields.KNOWN_SINCE))
                .setLocation(location(node.get(EventFields.LOCATION)));
        return b.build();
    }

    /** The event in canonical JSON, one line, fields in canonical order, absent ones left out. */
    public static String toJson(Event e) {
        return toTree(e).toString();
    }

    /** The event as a canonical JSON tree. */
    public static ObjectNode toTree(Event e) {
        ObjectNode o = NODES.objectNode();
        o.put(EventFields.EVENT_ID, e.getEventId());
        o.put(EventFields.DATE, e.getDate());
        putIfPresent(o, EventFields.DATE_PRECISION, e.getDatePrecision());
        o.put(EventFields.CONFLICT, e.getConflict());
        o.put(EventFields.ACTOR, e.getActor());
        putIfPresent(o, EventFields.TARGET, e.getTarget());
        o.put(EventFields.TYPE, e.getType());
        putIfPresent(o, EventFields.FRONT, e.getFront());
        if (e.getAreaKm2() != null) {
            o.put(EventFields.AREA_KM2, e.getAreaKm2());
        }
        if (e.getCasualties() != null) {
            o.put(EventFields.CASUALTIES, e.getCasualties());
        }
        if (e.getIntensity() != null) {
            o.put(EventFields.INTENSITY, e.getIntensity());
        }
        if (!e.getPositions().isEmpty()) {
            ArrayNode positions = o.putArray(EventFields.POSITIONS);
            for (Position p : e.getPositions()) {
                ObjectNode pn = positions.addObject();
                pn.put("dimension", p.getDimension());
                putIfPresent(pn, "demand", p.getDemand());
                putIfPresent(pn, "accept", p.getAccept());
                putIfPresent(pn, "actor", p.getActor());
            }
        }
        ArrayNode sources = o.putArray(EventFields.SOURCES);
        e.getSources().forEach(sources::add);
        o.put(EventFields.CONFIDENCE, e.getConfidence());
        putIfPresent(o, EventFields.DESCRIPTION, e.getDescription());
        putIfPresent(o, EventFields.CORRECTS, e.getCorrects());
        putIfPresent(o, EventFields.RETRACTS, e.getRetracts());
        putIfPresent(o, EventFields.UPSTREAM_ID, e.getUpstreamId());
        putIfPresent(o, EventFields.KNOWN_SINCE, e.getKnownSince());
        Location l = e.getLocation();
        if (l != null) {
            ObjectNode ln = o.putObject(EventFields.LOCATION);
            ln.put(EventFields.LATITUDE, l.getLatitude());
            ln.put(EventFields.LONGITUDE, l.getLongitude());
            putIfPresent(ln, EventFields.PLACE, l.getPlace());
            putIfPresent(ln, EventFields.PRECISION, l.getPrecision());
        }
        return o;
    }

    private static Location location(JsonNode v) throws EventFormatException {
        if (v == null || v.isNull()) {
            return null;
        }
        String example = "{\"latitude\": 48.69, \"longitude\": 35.22, \"place\": \"Katerynivka\", \"precision\": \"NEAR\"}";
        if (!v.isObject()) {
            throw new EventFormatException(EventFields.LOCATION, "`" + v + "` must be an object such as " + example);
        }
        for (Iterator<String> names = v.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!EventFields.LOCATION_KEYS.contains(name)) {
                throw new EventFormatException(EventFields.locationColumn(name), "unknown field; a location has "
                        + String.join(", ", EventFields.LOCATION_KEYS));
            }
        }
        Double lat = number(v, EventFields.LATITUDE, EventFields.locationColumn(EventFields.LATITUDE));
        Double lon = number(v, EventFields.LONGITUDE, EventFields.locationColumn(EventFields.LONGITUDE));
        if (lat == null || lon == null) {
            throw new EventFormatException(EventFields.locationColumn(lat == null ? EventFields.LATITUDE : EventFields.LONGITUDE),
                    "is required in a location (leave `location` out when the source gives no coordinates)");
        }
        return new Location(lat, lon, text(v, EventFields.PLACE, EventFields.locationColumn(EventFields.PLACE)),
                text(v, EventFields.PRECISION, EventFields.locationColumn(EventFields.PRECISION)));
    }

    private static void putIfPresent(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static String text(JsonNode node, String field) throws EventFormatException {
        return text(node, field, field);
    }

    /** {@code key} of {@code node}; errors name {@code field}, the key's full name. */
    private static String text(JsonNode node, String key, String field) throws EventFormatException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new EventFormatException(field, "`" + v + "` must be a JSON string");
        }
        return v.textValue();
    }

    private static Double number(JsonNode node, String field) throws EventFormatException {
        return number(node, field, field);
    }

    private static Double number(JsonNode node, String key, String field) throws EventFormatException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new EventFormatException(field, "`" + v + "` must be a JSON number");
        }
        return v.doubleValue();
    }

    private static Long integer(JsonNode node, String field) throws EventFormatException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new EventFormatException(field, "`" + v + "` must be a whole number");
        }
        return v.longValue();
    }

    private static List<String> strings(JsonNode node, String field) throws EventFormatException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new EventFormatException(field, "`" + v + "` must be a JSON array of strings, e.g. [\"Reuters 2022-03-29\"]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new EventFormatException(field, "`" + item + "` must be a string");
            }
            out.add(item.textValue());
        }
        return out;
    }

    private static List<Position> positions(JsonNode v) throws EventFormatException {
        String field = EventFields.POSITIONS;
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new EventFormatException(field, "must be a JSON array of {\"dimension\", \"demand\", \"accept\"} objects");
        }
        List<Position> out = new ArrayList<>();
        int i = 0;
        for (JsonNode p : v) {
            String where = field + "[" + i++ + "]";
            if (!p.isObject()) {
                throw new EventFormatException(where, "`" + p + "` must be an object {\"dimension\", \"demand\", \"accept\"}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!EventFields.POSITION_KEYS.contains(entry.getKey())) {
                    throw new EventFormatException(where + "." + entry.getKey(), "unknown field; a position has dimension, demand, accept and actor");
                }
                if (!entry.getValue().isNull() && !entry.getValue().isTextual()) {
                    throw new EventFormatException(where + "." + entry.getKey(), "`" + entry.getValue() + "` must be a string (a rung id)");
                }
            }
            if (!p.hasNonNull("dimension")) {
                throw new EventFormatException(where + ".dimension", "is required");
            }
            out.add(new Position(p.get("dimension").textValue(),
                    p.hasNonNull("demand") ? p.get("demand").textValue() : null,
                    p.hasNonNull("accept") ? p.get("accept").textValue() : null,
                    p.hasNonNull("actor") ? p.get("actor").textValue() : null));
        }
        return out;
    }
}
