package dev.ripeness.sinks.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripeness.schema.json.AvroJson;
import dev.ripeness.sinks.SinkTopics;
import dev.ripeness.sinks.StateChange;
import dev.ripeness.sinks.StateColumns;
import dev.ripeness.sinks.StateColumns.Column;
import dev.ripeness.sinks.StateKind;
import dev.ripeness.sinks.StateTopicReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors the state topics into PostgreSQL. Each polled batch becomes one transaction of
 * batched upserts and deletes (the last change per key wins within a batch); offsets are
 * committed only after the transaction, so a crash replays the batch onto the same rows.
 */
public final class PostgresSink implements AutoCloseable {

    /** Consumer group of the sink unless one is named. */
    public static final String DEFAULT_GROUP = "ripeness-sink-postgres";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);

    private final PostgresSettings settings;
    private Connection connection;
    private StateTopicReader reader;

    private PostgresSink(PostgresSettings settings, Connection connection) {
        this.settings = settings;
        this.connection = connection;
    }

    /**
     * Connects (creating the database when missing and allowed), migrates the schema, then
     * starts consuming {@code topics} in consumer group {@code groupId}.
     *
     * @throws SQLException when the database cannot be reached, created or migrated; the message says what to fix
     */
    public static PostgresSink start(PostgresSettings settings, Map<String, Object> kafkaConfig, SinkTopics topics,
                                     String groupId) throws SQLException {
        Connection connection = Database.connect(settings);
        try {
            Migrations.migrate(settings);
        } catch (SQLException e) {
            connection.close();
            throw new SQLException("cannot migrate the sink schema in " + settings.safeUrl() + ": " + e.getMessage(), e.getSQLState(), e);
        }
        PostgresSink sink = new PostgresSink(settings, connection);
        sink.reader = StateTopicReader.start("postgres", kafkaConfig, groupId, topics, sink::store);
        LOG.info("PostgreSQL sink writing to {}", settings.safeUrl());
        return sink;
    }

    /** The consumer loop, for its progress and last failure. */
    public StateTopicReader reader() {
        return reader;
    }

    private void store(List<StateChange> changes) throws SQLException {
        Connection c = connection();
        // Within a batch only the last change of a key matters; order across keys does not.
        Map<StateKind, Map<String, StateChange>> latest = new EnumMap<>(StateKind.class);
        for (StateChange change : changes) {
            latest.computeIfAbsent(change.kind(), k -> new LinkedHashMap<>()).put(change.key(), change);
        }
        c.setAutoCommit(false);
        try {
            for (Map.Entry<StateKind, Map<String, StateChange>> entry : latest.entrySet()) {
                write(c, entry.getKey(), entry.getValue().values());
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    private static void write(Connection c, StateKind kind, Iterable<StateChange> changes) throws SQLException {
        List<Column> columns = StateColumns.of(kind);
        List<StateChange> deletes = new ArrayList<>();
        try (PreparedStatement upsert = c.prepareStatement(StateTables.upsertSql(kind))) {
            int pending = 0;
            for (StateChange change : changes) {
                if (change.isTombstone()) {
                    deletes.add(change);
                    continue;
                }
                JsonNode record = AvroJson.toTree(change.value());
                List<Object> values = new ArrayList<>(columns.size());
                try {
                    for (Column column : columns) {
                        values.add(column.valueOf(record));
                    }
                } catch (RuntimeException e) {
                    // Retrying cannot fix a malformed value (e.g. a bad date): skip it rather than block the sink.
                    LOG.warn("PostgreSQL sink skipped {}-{}@{} (key {}): {}; the record stays in its topic",
                            change.topic(), change.partition(), change.offset(), change.key(), e.toString());
                    continue;
                }
                int i = 1;
                upsert.setString(i++, change.key());
                for (int n = 0; n < columns.size(); n++) {
                    StateTables.bind(upsert, i++, columns.get(n).type(), values.get(n));
                }
                upsert.setString(i, record.toString());
                upsert.addBatch();
                pending++;
            }
            if (pending > 0) {
                upsert.executeBatch();
            }
        }
        if (!deletes.isEmpty()) {
            try (PreparedStatement delete = c.prepareStatement(StateTables.deleteSql(kind))) {
                for (StateChange change : deletes) {
                    delete.setString(1, change.key());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
    }

    /** The open connection, reopened after the server went away. */
    private Connection connection() throws SQLException {
        if (connection == null || !connection.isValid(5)) {
            if (connection != null) {
                closeQuietly(connection);
            }
            connection = null;
            connection = Database.connect(settings);
        }
        return connection;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.toString());
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }

    /** Stops consuming, then closes the connection. */
    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        if (connection != null) {
            closeQuietly(connection);
        }
    }
}
