package dev.ripeness.sinks.postgres;

import static dev.ripeness.sinks.TestStates.actorDemand;
import static dev.ripeness.sinks.TestStates.assessment;
import static dev.ripeness.sinks.TestStates.demandGap;
import static dev.ripeness.sinks.TestStates.front;
import static dev.ripeness.sinks.TestStates.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.sinks.SinkTopics;
import dev.ripeness.sinks.StateColumns;
import dev.ripeness.sinks.StateKind;
import dev.ripeness.sinks.TestStates;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith(TestKafka.class)
class PostgresSinkTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestDatabase db = new TestDatabase();
    private final List<AutoCloseable> sinks = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable sink : sinks) {
            sink.close();
        }
        db.close();
    }

    private PostgresSink startSink(SinkTopics topics, String group) throws SQLException {
        PostgresSink sink = PostgresSink.start(db.settings, TestStates.kafkaConfig(), topics, group);
        sinks.add(sink);
        return sink;
    }

    @Test
    void shouldWriteEveryStateTopicToItsTableWhenRecordsArrive() throws Exception {
        // Given a sink on fresh topics and a database that does not exist yet
        SinkTopics topics = TestStates.uniqueTopics();
        startSink(topics, TestKafka.unique("pg"));

        // When one record of each kind arrives
        send(topics, StateKind.ACTOR_DEMAND, "x|AAA", actorDemand("x", "AAA", "2024-03-01", 0.75));
        send(topics, StateKind.DEMAND_GAP, "x|AAA|BBB", demandGap("x", "AAA", "BBB", "2024-03-01", null));
        send(topics, StateKind.FRONT_INDICATORS, "x|north|AAA", front("x", "north", "AAA", "2024-03-01", -0.25));
        send(topics, StateKind.ASSESSMENTS, "x", assessment("x", "2024-03-01", 0.42, "EMERGING"));
        send(topics, StateKind.ASSESSMENT_TIMELINE, "x|2024-03-01", assessment("x", "2024-03-01", 0.42, "EMERGING"));

        // Then the sink created the database and each table holds its row with typed columns and the record
        await("actor_demand row").atMost(WAIT).until(() -> db.rows(
                "SELECT key, conflict, actor, as_of, demand_index, escalations, record->>'modelVersion' FROM actor_demand"),
                rows -> rows.equals(List.of("x|AAA\tx\tAAA\t2024-03-01\t0.75\t2\ttest-1")));
        await("demand_gap row").atMost(WAIT).until(() -> db.rows(
                "SELECT key, actor_a, actor_b, demand_gap, zopa FROM demand_gap"),
                rows -> rows.equals(List.of("x|AAA|BBB\tAAA\tBBB\tnull\tUNKNOWN")));
        await("front_indicators row").atMost(WAIT).until(() -> db.rows(
                "SELECT key, front, momentum, siege_days, time_to_goal_years, tactical_stalemate FROM front_indicators"),
                rows -> rows.equals(List.of("x|north|AAA\tnorth\t-0.25\tnull\t12.5\tt")));
        await("assessment row").atMost(WAIT).until(() -> db.rows(
                "SELECT key, as_of, ripeness, band, pathway, mhs, way_out, demand_gap, zopa, mediator, mediator_reversals, event_count FROM assessment"),
                rows -> rows.equals(List.of("x\t2024-03-01\t0.42\tEMERGING\tNONE\t0.6\t0.3\t0.7\tNO\tMED\t1\t42")));
        await("assessment_timeline row with actors").atMost(WAIT).until(() -> db.rows(
                "SELECT key, band, record->'actors'->'AAA'->>'demandIndex' FROM assessment_timeline"),
                rows -> rows.equals(List.of("x|2024-03-01\tEMERGING\t0.8")));
        assertThat(db.rows("SELECT actor, demand_index, momentum FROM assessment_actor_timeline ORDER BY actor"))
                .containsExactly("AAA\t0.8\t-0.1", "BBB\tnull\t0.2");
    }

    @Test
    void shouldReplaceTheRowWhenANewerValueArrivesAndDeleteItOnATombstone() throws Exception {
        // Given a conflict's current assessment in the table
        SinkTopics topics = TestStates.uniqueTopics();
        startSink(topics, TestKafka.unique("pg"));
        send(topics, StateKind.ASSESSMENTS, "x", assessment("x", "2024-03-01", 0.2, "UNRIPE"));
        send(topics, StateKind.ASSESSMENTS, "y", assessment("y", "2024-03-01", 0.3, "UNRIPE"));
        await("first assessments").atMost(WAIT).until(() -> db.rows("SELECT key, band FROM assessment ORDER BY key"),
                rows -> rows.equals(List.of("x\tUNRIPE", "y\tUNRIPE")));

        // When a newer assessment of x arrives, then a tombstone for y
        send(topics, StateKind.ASSESSMENTS, "x", assessment("x", "2024-04-01", 0.8, "RIPE"));
        send(topics, StateKind.ASSESSMENTS, "y", null);

        // Then x's row is replaced (one row, new values) and y's row is gone
        await("x replaced, y deleted").atMost(WAIT).until(() -> db.rows(
                "SELECT key, as_of, ripeness, band, record->>'asOf' FROM assessment ORDER BY key"),
                rows -> rows.equals(List.of("x\t2024-04-01\t0.8\tRIPE\t2024-04-01")));
    }

    @Test
    void shouldConvergeToIdenticalRowsWhenTheTopicsAreConsumedAgainFromTheBeginning() throws Exception {
        // Given a history with updates and deletions, fully stored by one consumer group
        SinkTopics topics = TestStates.uniqueTopics();
        PostgresSink first = startSink(topics, TestKafka.unique("pg"));
        send(topics, StateKind.ACTOR_DEMAND, "x|AAA", actorDemand("x", "AAA", "2024-01-01", 0.5));
        send(topics, StateKind.ACTOR_DEMAND, "x|BBB", actorDemand("x", "BBB", "2024-01-01", 0.4));
        send(topics, StateKind.ACTOR_DEMAND, "x|AAA", actorDemand("x", "AAA", "2024-02-01", 0.9));
        send(topics, StateKind.ACTOR_DEMAND, "x|BBB", null);
        for (int day = 1; day <= 5; day++) {
            String date = "2024-01-0" + day;
            send(topics, StateKind.ASSESSMENT_TIMELINE, "x|" + date, assessment("x", date, day / 10.0, "UNRIPE"));
        }
        send(topics, StateKind.ASSESSMENT_TIMELINE, "x|2024-01-03", assessment("x", "2024-01-03", 0.99, "RIPE"));
        await("first pass stored").atMost(WAIT).until(() -> first.reader().storedChanges() == 10);
        List<String> before = allRows();
        assertThat(before).hasSize(6);

        // When a second consumer group reads every topic again from the beginning onto the same rows
        first.close();
        PostgresSink replay = startSink(topics, TestKafka.unique("pg-replay"));
        await("replay stored").atMost(WAIT).until(() -> replay.reader().storedChanges() == 10);

        // Then the rows are exactly what they were
        assertThat(allRows()).isEqualTo(before);
    }

    private List<String> allRows() {
        List<String> rows = new ArrayList<>();
        for (StateKind kind : StateKind.values()) {
            rows.addAll(db.rows("SELECT '" + kind + "', t.* FROM " + StateTables.table(kind) + " t ORDER BY key"));
        }
        return rows;
    }

    @Test
    void shouldUpgradeAnOlderSchemaAndChangeNothingWhenMigratedAgain() throws Exception {
        // Given a database at schema version 1 holding a timeline row
        Database.connect(db.settings).close();
        assertThat(Migrations.migrate(db.settings, 1)).containsExactly(1);
        insertTimelineRow();

        // When the sink's migrations run, then run again (a restart)
        List<Integer> upgrade = Migrations.migrate(db.settings);
        List<Integer> restart = Migrations.migrate(db.settings);

        // Then the upgrade applied the newer versions once, kept the row, and the restart applied nothing
        assertThat(upgrade).containsExactly(2);
        assertThat(restart).isEmpty();
        assertThat(Migrations.currentVersion(db.settings)).isEqualTo(Migrations.latestVersion(db.settings));
        assertThat(db.rows("SELECT version, description, success FROM " + Migrations.HISTORY_TABLE + " ORDER BY installed_rank"))
                .containsExactly("1\tstate tables\tt", "2\tactor timeline view\tt");
        assertThat(db.rows("SELECT conflict, actor, hurt FROM assessment_actor_timeline")).containsExactly("x\tAAA\t0.25");
    }

    @Test
    void shouldTakeOverADatabaseThatAReleaseBeforeFlywayMigratedWithoutRunningItsScriptsAgain() throws Exception {
        // Given a database that a release before Flyway brought to version 1, as it did: its own version table
        Database.connect(db.settings).close();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(script("V1__state_tables.sql"));
            s.execute("CREATE TABLE ripeness_schema_version (version integer PRIMARY KEY, "
                    + "description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            s.execute("INSERT INTO ripeness_schema_version (version, description) VALUES (1, 'state tables')");
        }
        insertTimelineRow();

        // When this release's sink starts on it, and starts again
        startSink(TestStates.uniqueTopics(), TestKafka.unique("pg-takeover"));
        List<Integer> restart = Migrations.migrate(db.settings);

        // Then Flyway starts from the old version (V1 did not run again: its CREATE TABLEs would have failed),
        // applies only the newer script, keeps the data, and the old table is gone
        assertThat(db.rows("SELECT version, type, description FROM " + Migrations.HISTORY_TABLE + " ORDER BY installed_rank"))
                .containsExactly("1\tBASELINE\ttaken over from ripeness_schema_version", "2\tSQL\tactor timeline view");
        assertThat(restart).isEmpty();
        assertThat(db.rows("SELECT conflict, actor, hurt FROM assessment_actor_timeline")).containsExactly("x\tAAA\t0.25");
        assertThat(db.rows("SELECT to_regclass('ripeness_schema_version') IS NULL")).containsExactly("t");
    }

    private void insertTimelineRow() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO assessment_timeline (key, conflict, as_of, band, record) VALUES "
                    + "('x|2024-01-01', 'x', '2024-01-01', 'UNRIPE', '{\"actors\": {\"AAA\": {\"hurt\": 0.25}}}')");
        }
    }

    private static String script(String name) throws Exception {
        try (var in = Migrations.class.getResourceAsStream("/dev/ripeness/sinks/postgres/migrations/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldCreateExactlyTheColumnsTheSinkWritesWhenMigrated() throws Exception {
        // Given a migrated database
        Database.connect(db.settings).close();
        Migrations.migrate(db.settings);
        for (StateKind kind : StateKind.values()) {
            // When we read the table's columns
            List<String> actual = db.rows("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '"
                    + StateTables.table(kind) + "' ORDER BY ordinal_position");
            // Then they are key, the typed columns of StateColumns in order, and the record
            List<String> expected = new ArrayList<>();
            expected.add("key\ttext");
            StateColumns.of(kind).forEach(col -> expected.add(col.name() + "\t" + col.type().sql()));
            expected.add("record\tjsonb");
            assertThat(actual).as(kind.toString()).isEqualTo(expected);
        }
    }

    @Test
    void shouldRefuseASchemaNewerThanThisReleaseWhenMigrating() throws Exception {
        // Given a database that a newer release migrated further (Flyway recorded a script this release lacks)
        Database.connect(db.settings).close();
        Migrations.migrate(db.settings);
        int latest = Migrations.latestVersion(db.settings);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + Migrations.HISTORY_TABLE + " (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, execution_time, success) VALUES (99, '" + (latest + 1) + "', 'future', 'SQL', 'V"
                    + (latest + 1) + "__future.sql', 0, 'newer ripeness', 0, true)");
        }
        // When this release migrates, then it says what to do instead of touching the schema
        assertThatThrownBy(() -> Migrations.migrate(db.settings)).isInstanceOf(SQLException.class)
                .hasMessageContaining("knows only up to " + latest).hasMessageContaining("newer ripeness");
    }

    @Test
    void shouldNameTheUrlAndTheSettingsWhenTheServerCannotBeReached() {
        // Given a URL where no PostgreSQL listens
        PostgresSettings nowhere = new PostgresSettings("jdbc:postgresql://127.0.0.1:1/ripeness?connectTimeout=2", "postgres", null);

        // When the sink starts, then the error names the URL (without its query) and how to change it
        assertThatThrownBy(() -> PostgresSink.start(nowhere, TestStates.kafkaConfig(), SinkTopics.defaults(), "unused"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:1/ripeness:")
                .hasMessageContaining("--jdbc-url")
                .hasMessageContaining("RIPENESS_JDBC_URL");
    }

    @Test
    void shouldSkipAnUnreadableRecordAndKeepStoringWhenOneArrives() throws Exception {
        // Given a running sink
        SinkTopics topics = TestStates.uniqueTopics();
        PostgresSink sink = startSink(topics, TestKafka.unique("pg"));

        // When bytes that are not an assessment, then an assessment with an impossible date, then a good one arrive
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestStates.kafkaConfig(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.name(StateKind.ASSESSMENTS), "bad",
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        send(topics, StateKind.ASSESSMENTS, "baddate", assessment("baddate", "2024-13-45", 0.5, "UNRIPE"));
        send(topics, StateKind.ASSESSMENTS, "good", assessment("good", "2024-05-01", 0.5, "EMERGING"));

        // Then the good record is stored, the unreadable ones are not, and the sink reports no failure
        await("good row stored").atMost(WAIT).until(() -> db.rows("SELECT key, band FROM assessment ORDER BY key"),
                rows -> rows.equals(List.of("good\tEMERGING")));
        assertThat(sink.reader().lastFailure()).isEmpty();
    }

    @Test
    void shouldSayHowToCreateTheDatabaseWhenTheUserMayNotCreateIt() throws Exception {
        // Given a user without CREATEDB and a database that does not exist
        String role = "ripeness_nocreate_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(db.settings.jdbcUrl().replace(db.name, "postgres"), db.settings.driverProperties());
             Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + role);
            s.execute("CREATE ROLE " + role + " LOGIN NOCREATEDB");
            try {
                PostgresSettings limited = new PostgresSettings(db.settings.jdbcUrl(), role, null);

                // When the sink starts, then it names the database and the two ways to fix it
                assertThatThrownBy(() -> Database.connect(limited).close()).isInstanceOf(SQLException.class)
                        .hasMessageContaining("database \"" + db.name + "\" does not exist")
                        .hasMessageContaining("createdb " + db.name)
                        .hasMessageContaining("GRANT CREATEDB");
            } finally {
                s.execute("DROP ROLE " + role);
            }
        }
    }
}
