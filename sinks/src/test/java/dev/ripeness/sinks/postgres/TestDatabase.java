package dev.ripeness.sinks.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database of its own on the real PostgreSQL server of the test machine (127.0.0.1:5432,
 * user {@code postgres}, trust auth; override with RIPENESS_TEST_JDBC_BASE, e.g.
 * {@code jdbc:postgresql://db:5432/}). It is not created here: the sink must create it.
 */
final class TestDatabase implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String BASE = System.getenv().getOrDefault("RIPENESS_TEST_JDBC_BASE", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("RIPENESS_TEST_DB_USER", "postgres");

    final String name = "ripeness_test_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
    final PostgresSettings settings = new PostgresSettings(BASE + name, USER, System.getenv("RIPENESS_TEST_DB_PASSWORD"));

    Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.driverProperties());
    }

    /** Every row of a query, each as one line of tab-separated text (nulls as "null"). */
    List<String> rows(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(i > 1 ? "\t" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            // The database or table may not exist yet while a test awaits it.
            return List.of("unavailable: " + e.getMessage());
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(BASE + "postgres", settings.driverProperties());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        }
    }
}
