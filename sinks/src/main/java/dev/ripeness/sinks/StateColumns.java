package dev.ripeness.sinks;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ripeness.schema.json.AvroJson;
import java.time.LocalDate;
import java.util.List;

/**
 * The typed columns people query, per kind of state: one definition shared by the
 * PostgreSQL tables (the migrations create exactly these columns; a test checks) and the
 * CSV files. The tables keep the whole record beside them as JSON; the CSV files do not (the
 * file sink's JSONL files hold it).
 */
public final class StateColumns {

    /** Column types, named as PostgreSQL spells them. */
    public enum Type {
        TEXT("text"), DATE("date"), DOUBLE("double precision"), INTEGER("integer"), BIGINT("bigint"), BOOLEAN("boolean");

        private final String sql;

        Type(String sql) {
            this.sql = sql;
        }

        /** The PostgreSQL type name as {@code information_schema.columns.data_type} reports it. */
        public String sql() {
            return sql;
        }
    }

    /**
     * One typed column and where it sits in the record's plain JSON ({@link AvroJson}): the
     * sinks read columns from the JSON they store anyway, so a snapshot reloaded from JSON
     * yields the same columns as a freshly decoded record.
     */
    public record Column(String name, Type type, JsonPointer path) {

        /** The column's value in {@code record} (its plain JSON); null when absent or null. */
        public Object valueOf(JsonNode record) {
            JsonNode node = record.at(path);
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            return switch (type) {
                case TEXT -> node.asText();
                // Dates travel as "YYYY-MM-DD" strings; a malformed one fails the record loudly rather than storing garbage.
                case DATE -> LocalDate.parse(node.asText());
                case DOUBLE -> node.asDouble();
                case INTEGER -> node.asInt();
                case BIGINT -> node.asLong();
                case BOOLEAN -> node.asBoolean();
            };
        }
    }

    private StateColumns() {}

    /** The typed columns of {@code kind}, in table order (after {@code key}, before the table's {@code record}). */
    public static List<Column> of(StateKind kind) {
        return switch (kind) {
            case ACTOR_DEMAND -> ACTOR_DEMAND;
            case DEMAND_GAP -> DEMAND_GAP;
            case FRONT_INDICATORS -> FRONT_INDICATORS;
            case ASSESSMENTS, ASSESSMENT_TIMELINE -> ASSESSMENT;
        };
    }

    private static final List<Column> ACTOR_DEMAND = List.of(
            col("conflict", Type.TEXT, "conflict"),
            col("actor", Type.TEXT, "actor"),
            col("as_of", Type.DATE, "asOf"),
            col("model_version", Type.TEXT, "modelVersion"),
            col("demand_index", Type.DOUBLE, "demandIndex"),
            col("escalations", Type.INTEGER, "escalations"),
            col("deescalations", Type.INTEGER, "deescalations"),
            col("ratchets", Type.INTEGER, "ratchets"));

    private static final List<Column> DEMAND_GAP = List.of(
            col("conflict", Type.TEXT, "conflict"),
            col("actor_a", Type.TEXT, "actorA"),
            col("actor_b", Type.TEXT, "actorB"),
            col("as_of", Type.DATE, "asOf"),
            col("model_version", Type.TEXT, "modelVersion"),
            col("demand_gap", Type.DOUBLE, "gap"),
            col("zopa", Type.TEXT, "zopa"));

    private static final List<Column> FRONT_INDICATORS = List.of(
            col("conflict", Type.TEXT, "conflict"),
            col("front", Type.TEXT, "front"),
            col("actor", Type.TEXT, "actor"),
            col("as_of", Type.DATE, "asOf"),
            col("model_version", Type.TEXT, "modelVersion"),
            col("momentum", Type.DOUBLE, "momentum"),
            col("siege_days", Type.INTEGER, "siegeDays"),
            col("time_to_goal_years", Type.DOUBLE, "timeToGoalYears"),
            col("tactical_stalemate", Type.BOOLEAN, "tacticalStalemate"),
            col("strategic_stalemate", Type.BOOLEAN, "strategicStalemate"));

    private static final List<Column> ASSESSMENT = List.of(
            col("conflict", Type.TEXT, "conflict"),
            col("as_of", Type.DATE, "asOf"),
            col("model_version", Type.TEXT, "modelVersion"),
            col("ripeness", Type.DOUBLE, "ripeness"),
            col("band", Type.TEXT, "band"),
            col("pathway", Type.TEXT, "pathway"),
            col("mhs", Type.DOUBLE, "components/mhs"),
            col("way_out", Type.DOUBLE, "components/wayOut"),
            col("demand_gap", Type.DOUBLE, "components/demandGap"),
            col("zopa", Type.TEXT, "components/zopa"),
            col("catastrophe", Type.DOUBLE, "components/catastrophe"),
            col("opportunity", Type.DOUBLE, "components/opportunity"),
            col("mediator", Type.TEXT, "mediator/actor"),
            col("mediator_stance", Type.DOUBLE, "mediator/stance"),
            col("mediator_reversals", Type.INTEGER, "mediator/reversals"),
            col("event_count", Type.BIGINT, "eventCount"),
            col("last_event_id", Type.TEXT, "lastEventId"));

    private static Column col(String name, Type type, String path) {
        return new Column(name, type, JsonPointer.compile("/" + path));
    }
}
