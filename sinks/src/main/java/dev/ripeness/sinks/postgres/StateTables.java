package dev.ripeness.sinks.postgres;

import dev.ripeness.sinks.StateColumns;
import dev.ripeness.sinks.StateColumns.Column;
import dev.ripeness.sinks.StateKind;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The table of each kind of state and the statements that keep it: an upsert keyed by the
 * topic key (columns from {@link StateColumns}, the record as {@code jsonb}) and a delete for
 * tombstones. Every table is {@code key, <typed columns>, record}.
 */
public final class StateTables {

    private StateTables() {}

    /** The table that mirrors {@code kind}. */
    public static String table(StateKind kind) {
        return switch (kind) {
            case ACTOR_DEMAND -> "actor_demand";
            case DEMAND_GAP -> "demand_gap";
            case FRONT_INDICATORS -> "front_indicators";
            case ASSESSMENTS -> "assessment";
            case ASSESSMENT_TIMELINE -> "assessment_timeline";
        };
    }

    /** {@code INSERT ... ON CONFLICT (key) DO UPDATE}: parameters are key, the typed columns, then the record JSON. */
    static String upsertSql(StateKind kind) {
        List<Column> columns = StateColumns.of(kind);
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String params = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        String updates = columns.stream().map(c -> c.name() + " = EXCLUDED." + c.name()).collect(Collectors.joining(", "));
        return "INSERT INTO " + table(kind) + " (key, " + names + ", record) VALUES (?, " + params + ", ?::jsonb)"
                + " ON CONFLICT (key) DO UPDATE SET " + updates + ", record = EXCLUDED.record";
    }

    static String deleteSql(StateKind kind) {
        return "DELETE FROM " + table(kind) + " WHERE key = ?";
    }

    /** Binds one typed value, null-safe. */
    static void bind(PreparedStatement statement, int index, StateColumns.Type type, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, switch (type) {
                case TEXT -> Types.VARCHAR;
                case DATE -> Types.DATE;
                case DOUBLE -> Types.DOUBLE;
                case INTEGER -> Types.INTEGER;
                case BIGINT -> Types.BIGINT;
                case BOOLEAN -> Types.BOOLEAN;
            });
            return;
        }
        switch (type) {
            case TEXT -> statement.setString(index, (String) value);
            case DATE -> statement.setObject(index, (LocalDate) value);
            case DOUBLE -> statement.setDouble(index, ((Number) value).doubleValue());
            case INTEGER -> statement.setInt(index, ((Number) value).intValue());
            case BIGINT -> statement.setLong(index, ((Number) value).longValue());
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
        }
    }
}
