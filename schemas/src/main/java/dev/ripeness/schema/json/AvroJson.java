package dev.ripeness.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

/**
 * Plain JSON for Avro records, as people and dashboards expect it: field names as keys,
 * unions as their value (not Avro's {@code {"string": ...}} wrapping), maps with sorted
 * keys so the same record always renders to the same text.
 */
public final class AvroJson {

    /** Shared mapper for the project's JSON. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {}

    /** The record as a JSON tree. */
    public static JsonNode toTree(IndexedRecord record) {
        return value(record);
    }

    /** The record as compact JSON text. */
    public static String toJson(IndexedRecord record) {
        return toTree(record).toString();
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof IndexedRecord record) {
            ObjectNode node = NODES.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                node.set(field.name(), value(record.get(field.pos())));
            }
            return node;
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            new TreeMap<>(map.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                    e -> e.getKey().toString(), Map.Entry::getValue))).forEach((k, val) -> node.set(k, value(val)));
            return node;
        }
        if (v instanceof Collection<?> list) {
            ArrayNode node = NODES.arrayNode();
            list.forEach(item -> node.add(value(item)));
            return node;
        }
        if (v instanceof CharSequence || v instanceof Enum<?> || v instanceof GenericContainer) {
            return NODES.textNode(v.toString());
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? NODES.nullNode() : NODES.numberNode(d);
        }
        if (v instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        return NODES.textNode(v.toString());
    }
}
