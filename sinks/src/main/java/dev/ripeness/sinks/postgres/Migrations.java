package dev.ripeness.sinks.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's schema, created and upgraded by Flyway from the versioned SQL scripts in
 * {@code resources/dev/ripeness/sinks/postgres/migrations/} ({@code V<n>__<description>.sql}).
 * Pending scripts run in one transaction; applied versions are recorded in Flyway's
 * {@value #HISTORY_TABLE}. Running it again changes nothing.
 *
 * <p>Releases before Flyway recorded their versions in {@value #LEGACY_TABLE}; such a
 * database is taken over by baselining Flyway at that table's version (so no script runs
 * twice) and dropping the old table.
 */
public final class Migrations {

    /** Flyway's table of applied versions (its default name). */
    public static final String HISTORY_TABLE = "flyway_schema_history";
    /** The version table of releases before Flyway; read once when taking a database over, then dropped. */
    static final String LEGACY_TABLE = "ripeness_schema_version";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String LOCATION = "classpath:dev/ripeness/sinks/postgres/migrations";
    /** Arbitrary constant identifying "ripeness schema migration" among advisory locks. */
    private static final long LOCK_ID = 0x52495045L;

    private Migrations() {}

    /** The newest schema version this release knows (its newest script). */
    public static int latestVersion(PostgresSettings settings) {
        return latest(flyway(settings, 0, MigrationVersion.LATEST).info());
    }

    /** Brings the schema to the newest version this release knows; returns the versions it applied. */
    public static List<Integer> migrate(PostgresSettings settings) throws SQLException {
        return migrate(settings, MigrationVersion.LATEST);
    }

    /** Brings the schema to {@code target} (tests use this to build an older schema); returns the versions applied. */
    public static List<Integer> migrate(PostgresSettings settings, int target) throws SQLException {
        return migrate(settings, MigrationVersion.fromVersion(String.valueOf(target)));
    }

    private static List<Integer> migrate(PostgresSettings settings, MigrationVersion target) throws SQLException {
        try (Connection c = Database.connect(settings); Statement s = c.createStatement()) {
            // Flyway locks its own table; this lock also covers reading and dropping the legacy one,
            // so two sinks starting together on an old database do not both take it over.
            s.execute("SELECT pg_advisory_lock(" + LOCK_ID + ")");
            try {
                MigrationInfoService info = flyway(settings, 0, target).info();
                int latest = latest(info);
                int legacy = legacyVersion(c);
                refuseNewer(legacy, latest);
                for (MigrationInfo m : info.applied()) {
                    if (m.getVersion() != null) {
                        refuseNewer(version(m), latest);
                    }
                }
                List<Integer> applied = new ArrayList<>();
                for (MigrateOutput m : flyway(settings, Math.max(legacy, 0), target).migrate().migrations) {
                    if (CoreMigrationType.SQL.name().equals(m.type)) {
                        applied.add(Integer.parseInt(m.version));
                    }
                }
                if (legacy >= 0) {
                    s.execute("DROP TABLE " + LEGACY_TABLE);
                    LOG.info("took over the sink schema at version {} from {}; Flyway keeps {} from now on",
                            legacy, LEGACY_TABLE, HISTORY_TABLE);
                }
                return applied;
            } catch (FlywayException e) {
                throw new SQLException(e.getMessage(), e);
            } finally {
                s.execute("SELECT pg_advisory_unlock(" + LOCK_ID + ")");
            }
        }
    }

    /** The highest applied version, 0 for an empty database. */
    public static int currentVersion(PostgresSettings settings) {
        MigrationInfo current = flyway(settings, 0, MigrationVersion.LATEST).info().current();
        return current == null ? 0 : version(current);
    }

    /**
     * A database that is not empty but has no history (tables of its own, or a legacy version
     * table) is baselined at {@code baseline}: 0 leaves every script to run, as before Flyway.
     */
    private static Flyway flyway(PostgresSettings settings, int baseline, MigrationVersion target) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations(LOCATION)
                .target(target)
                .group(true)
                .baselineOnMigrate(true)
                .baselineVersion(MigrationVersion.fromVersion(String.valueOf(baseline)))
                .baselineDescription(baseline == 0 ? "before the first script" : "taken over from " + LEGACY_TABLE)
                .load();
    }

    private static int latest(MigrationInfoService info) {
        return Arrays.stream(info.all()).filter(m -> m.getType() == CoreMigrationType.SQL && m.getState().isResolved())
                .mapToInt(Migrations::version).max()
                .orElseThrow(() -> new IllegalStateException("no migration scripts on the classpath at " + LOCATION));
    }

    private static int version(MigrationInfo m) {
        return Integer.parseInt(m.getVersion().getVersion());
    }

    /** The version recorded by a release before Flyway, or -1 when there is no legacy table. */
    private static int legacyVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet exists = s.executeQuery("SELECT to_regclass('" + LEGACY_TABLE + "') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return -1;
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + LEGACY_TABLE)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void refuseNewer(int version, int latest) throws SQLException {
        if (version > latest) {
            throw new SQLException("the database schema is at version " + version + " but this ripeness knows only up to "
                    + latest + ": run a newer ripeness against it, or point --jdbc-url at another database");
        }
    }
}
