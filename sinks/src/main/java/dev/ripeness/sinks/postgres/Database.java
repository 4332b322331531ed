package dev.ripeness.sinks.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens connections to the sink's database and creates the database when it does not exist yet. */
public final class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** SQLSTATE for "database does not exist". */
    private static final String INVALID_CATALOG_NAME = "3D000";
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]+)(\\?.*)?$");

    private Database() {}

    /** A connection to the settings' database, creating the database first when it is missing and we may. */
    public static Connection connect(PostgresSettings settings) throws SQLException {
        try {
            return open(settings);
        } catch (SQLException e) {
            if (!INVALID_CATALOG_NAME.equals(e.getSQLState())) {
                throw new SQLException("cannot connect to " + settings.safeUrl() + ": " + e.getMessage()
                        + " (set --jdbc-url/--db-user/--db-password or RIPENESS_JDBC_URL/RIPENESS_DB_USER/RIPENESS_DB_PASSWORD)",
                        e.getSQLState(), e);
            }
            create(settings);
            return open(settings);
        }
    }

    private static Connection open(PostgresSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.driverProperties());
    }

    private static void create(PostgresSettings settings) throws SQLException {
        Matcher m = URL.matcher(settings.jdbcUrl());
        if (!m.matches()) {
            throw new SQLException("database in " + settings.safeUrl() + " does not exist and the URL names no database to create");
        }
        String name = m.group(2);
        // Connect to the maintenance database on the same server to create ours.
        PostgresSettings maintenance = settings.withUrl(m.group(1) + "postgres" + (m.group(3) == null ? "" : m.group(3)));
        try (Connection c = open(maintenance); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
            LOG.info("created database {}", name);
        } catch (SQLException e) {
            // Another sink may have created it at the same moment: that is fine.
            if ("42P04".equals(e.getSQLState())) {
                return;
            }
            throw new SQLException("database \"" + name + "\" does not exist at " + settings.safeUrl()
                    + " and could not be created (" + e.getMessage() + "): create it with `createdb " + name
                    + "` or GRANT CREATEDB to the sink's user", e.getSQLState(), e);
        }
    }
}
