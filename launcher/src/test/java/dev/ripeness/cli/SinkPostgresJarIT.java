package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripeness.schema.Event;
import dev.ripeness.topics.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL sink inside the packaged {@code ripeness.jar}: Flyway finds its PostgreSQL
 * support only through {@code META-INF/services}, which the shaded jar must merge, so this
 * runs the jar itself against the real server (127.0.0.1:5432, or RIPENESS_TEST_JDBC_BASE).
 */
@Tag("integration")
class SinkPostgresJarIT {

    private static final String BASE = System.getenv().getOrDefault("RIPENESS_TEST_JDBC_BASE", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("RIPENESS_TEST_DB_USER", "postgres");

    @TempDir
    Path dataDir;

    private final String database = "ripeness_jar_it_" + ProcessHandle.current().pid() + "_" + System.nanoTime();

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        }
    }

    @Test
    void shouldMigrateWithFlywayAndMirrorTheStateWhenTheJarRunsWithSinkPostgres() throws Exception {
        // Given the packaged jar running with the PostgreSQL sink on a database that does not exist yet
        int kafkaPort = RipenessProcess.freePort();
        try (RipenessProcess run = RipenessProcess.start("run", "--empty", "--data-dir", dataDir.toString(),
                "--kafka-port", String.valueOf(kafkaPort), "--http-port", String.valueOf(RipenessProcess.freePort()),
                "--sink-postgres", BASE + database + "?user=" + USER)) {
            run.awaitLine("Ready", Duration.ofMinutes(2));

            // When one event is fed
            Event event = Event.newBuilder().setEventId("jar-pg-1").setDate("2022-03-29").setConflict("russia-ukraine")
                    .setActor("UKR").setType("NEGOTIATION_ROUND").setSources(List.of("test")).setConfidence(1.0).build();
            try (KafkaProducer<String, Event> producer = new KafkaProducer<>(Map.of("bootstrap.servers", "127.0.0.1:" + kafkaPort),
                    Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), event.getConflict(), event)).get();
            }

            // Then Flyway created the schema from the jar's scripts and the sink wrote the assessment
            await("assessment row in PostgreSQL").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                    .until(() -> rows("SELECT conflict, last_event_id FROM assessment"), r -> r.equals(List.of("russia-ukraine\tjar-pg-1")));
            assertThat(rows("SELECT version, type, success FROM flyway_schema_history ORDER BY installed_rank"))
                    .containsExactly("1\tSQL\tt", "2\tSQL\tt");
            assertThat(run.stop()).isZero();
        }
    }

    private Connection connect(String name) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        String password = System.getenv("RIPENESS_TEST_DB_PASSWORD");
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(BASE + name, props);
    }

    private List<String> rows(String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "\t" + rs.getString(2) + (rs.getMetaData().getColumnCount() > 2 ? "\t" + rs.getString(3) : ""));
            }
            return rows;
        }
    }
}
