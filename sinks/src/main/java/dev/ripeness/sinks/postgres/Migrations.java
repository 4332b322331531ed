package dev.ripeness.sinks.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's schema, created and upgraded by ordered, versioned SQL scripts kept in
 * {@code resources/dev/ripeness/sinks/postgres/migrations/} ({@code index.txt} lists them;
 * {@code V<n>__<description>.sql}). Pending scripts run in one transaction, under an
 * advisory lock so that two sinks starting together do not both migrate, and each applied
 * version is recorded in {@code ripeness_schema_version}. Running it again changes nothing.
 */
public final class Migrations {

    /** One migration script. */
    public record Migration(int version, String description, String sql) {}

    /** The table that records applied versions. */
    public static final String VERSION_TABLE = "ripeness_schema_version";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String DIR = "/dev/ripeness/sinks/postgres/migrations/";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    /** Arbitrary constant identifying "ripeness schema migration" among advisory locks. */
    private static final long LOCK_ID = 0x52495045L;

    private Migrations() {}

    /** Every migration this release knows, in version order. */
    public static List<Migration> all() {
        List<Migration> migrations = new ArrayList<>();
        for (String file : resourceLines(DIR + "index.txt")) {
            Matcher m = NAME.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException("migration file name " + file + " is not V<n>__<description>.sql");
            }
            int version = Integer.parseInt(m.group(1));
            if (!migrations.isEmpty() && version != migrations.get(migrations.size() - 1).version() + 1) {
                throw new IllegalStateException("migration " + file + " is out of sequence in index.txt");
            }
            migrations.add(new Migration(version, m.group(2).replace('_', ' '), String.join("\n", resourceLines(DIR + file))));
        }
        return List.copyOf(migrations);
    }

    /** The newest schema version this release knows. */
    public static int latestVersion() {
        List<Migration> all = all();
        return all.get(all.size() - 1).version();
    }

    /** Brings the schema to {@link #latestVersion()}; returns the versions it applied. */
    public static List<Integer> migrate(Connection connection) throws SQLException {
        return migrate(connection, latestVersion());
    }

    /** Brings the schema to {@code target} (tests use this to build an older schema); returns the versions applied. */
    public static List<Integer> migrate(Connection connection, int target) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_ID + ")");
            s.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (version integer PRIMARY KEY, "
                    + "description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            int current = currentVersion(connection);
            if (current > latestVersion()) {
                throw new SQLException("the database schema is at version " + current + " but this ripeness knows only up to "
                        + latestVersion() + ": run a newer ripeness against it, or point --jdbc-url at another database");
            }
            List<Integer> applied = new ArrayList<>();
            for (Migration migration : all()) {
                if (migration.version() <= current || migration.version() > target) {
                    continue;
                }
                s.execute(migration.sql());
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO " + VERSION_TABLE + " (version, description) VALUES (?, ?)")) {
                    record.setInt(1, migration.version());
                    record.setString(2, migration.description());
                    record.executeUpdate();
                }
                applied.add(migration.version());
            }
            connection.commit();
            if (!applied.isEmpty()) {
                LOG.info("migrated the sink schema from version {} to {}", current, applied.get(applied.size() - 1));
            }
            return applied;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The highest applied version, 0 for an empty database. */
    public static int currentVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + VERSION_TABLE)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> resourceLines(String path) {
        try (InputStream in = Migrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (path.endsWith(".txt") && (line.isBlank() || line.startsWith("#"))) {
                        continue;
                    }
                    lines.add(path.endsWith(".txt") ? line.strip() : line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
