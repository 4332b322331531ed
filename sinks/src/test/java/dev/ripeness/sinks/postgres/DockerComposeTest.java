package dev.ripeness.sinks.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this reads it: services, pinned
 * images, ports, the sink flag of the pipeline, and Grafana's provisioning — whose dashboard
 * queries must run against the tables the sink's migrations create.
 */
@Tag("integration")
class DockerComposeTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root = repositoryRoot();
    private final JsonNode services = read(root.resolve("docker-compose.yml")).get("services");
    private final TestDatabase db = new TestDatabase();

    @AfterEach
    void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    void shouldDeclareEveryServiceWithAPinnedImageAndItsPortWhenParsed() {
        // Given the compose file, then the four services exist with their published ports
        assertThat(services.fieldNames()).toIterable().contains("kafka", "ripeness", "postgres", "grafana");
        Map<String, String> ports = Map.of("kafka", "9092:9092", "ripeness", "127.0.0.1:8080:8080", "postgres", "5432:5432", "grafana", "3000:3000");
        ports.forEach((service, port) -> assertThat(texts(services.get(service).get("ports"))).as(service + " ports").contains(port));

        // And every service is built here or runs an image with a pinned tag (not missing, not latest)
        services.fields().forEachRemaining(entry -> {
            JsonNode image = entry.getValue().get("image");
            if (image == null) {
                assertThat(entry.getValue().has("build")).as(entry.getKey() + " has neither image nor build").isTrue();
                return;
            }
            String name = image.asText();
            String tag = name.substring(name.lastIndexOf('/') + 1).contains(":") ? name.substring(name.lastIndexOf(':') + 1) : "";
            assertThat(tag).as("tag of " + name).isNotEmpty().isNotEqualTo("latest");
        });
    }

    @Test
    void shouldStartThePipelineWithThePostgresSinkOnTheComposeDatabase() {
        // Given the pipeline and the database services
        JsonNode ripeness = services.get("ripeness");
        JsonNode postgres = services.get("postgres").get("environment");

        // Then the pipeline runs the sink against the postgres service's database with its credentials
        List<String> command = texts(ripeness.get("command"));
        int flag = command.indexOf("--sink-postgres");
        assertThat(flag).as("--sink-postgres in " + command).isNotNegative();
        assertThat(command.get(flag + 1)).isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB").asText());
        assertThat(ripeness.get("environment").get(PostgresSettings.ENV_USER).asText()).isEqualTo(postgres.get("POSTGRES_USER").asText());
        assertThat(ripeness.get("environment").get(PostgresSettings.ENV_PASSWORD).asText()).isEqualTo(postgres.get("POSTGRES_PASSWORD").asText());
        assertThat(texts(ripeness.get("depends_on"))).contains("kafka", "postgres");
    }

    @Test
    void shouldProvisionADatasourceAndADashboardWhoseQueriesRunOnTheSinkTables() throws Exception {
        // Given Grafana's mounted directories
        Map<String, Path> mounts = new HashMap<>();
        for (String volume : texts(services.get("grafana").get("volumes"))) {
            String[] parts = volume.split(":");
            Path host = root.resolve(parts[0]).normalize();
            assertThat(host).as("host side of " + volume).exists();
            mounts.put(parts[1], host);
        }
        Path datasources = mounts.get("/etc/grafana/provisioning/datasources");
        Path providers = mounts.get("/etc/grafana/provisioning/dashboards");
        assertThat(datasources).as("datasource provisioning mount").isNotNull();
        assertThat(providers).as("dashboard provisioning mount").isNotNull();

        // Then the datasource points at the compose database
        JsonNode postgresEnv = services.get("postgres").get("environment");
        JsonNode source = read(datasources.resolve("ripeness.yml")).get("datasources").get(0);
        assertThat(source.get("type").asText()).isEqualTo("grafana-postgresql-datasource");
        assertThat(source.get("url").asText()).isEqualTo("postgres:5432");
        assertThat(source.get("jsonData").get("database").asText()).isEqualTo(postgresEnv.get("POSTGRES_DB").asText());
        assertThat(source.get("user").asText()).isEqualTo(postgresEnv.get("POSTGRES_USER").asText());

        // And the dashboard provider reads a mounted directory that holds the dashboard JSON
        String dashboardsPath = read(providers.resolve("ripeness.yml")).get("providers").get(0).get("options").get("path").asText();
        assertThat(mounts).as("mount of " + dashboardsPath).containsKey(dashboardsPath);
        JsonNode dashboard = JSON.readTree(mounts.get(dashboardsPath).resolve("ripeness.json").toFile());

        // And every query of the dashboard runs on a database the sink migrated
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.get("datasource").get("uid").asText()).as(panel.get("title").asText()).isEqualTo(source.get("uid").asText());
            panel.get("targets").forEach(t -> queries.add(t.get("rawSql").asText()));
        }
        dashboard.get("templating").get("list").forEach(v -> queries.add(v.get("query").asText()));
        assertThat(queries).hasSizeGreaterThanOrEqualTo(6);
        try (Connection c = Database.connect(db.settings)) {
            Migrations.migrate(db.settings);
            try (Statement s = c.createStatement()) {
                for (String sql : queries) {
                    // Grafana expands these macros and variables before sending the query.
                    String expanded = sql.replaceAll("\\$__timeFilter\\((\\w+)\\)", "$1 BETWEEN '2014-01-01' AND '2030-01-01'")
                            .replace("$conflict", "russia-ukraine");
                    s.executeQuery(expanded).close();
                }
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> values.add(n.asText()));
        }
        return values;
    }

    private static JsonNode read(Path yaml) {
        try {
            return YAML.readTree(yaml.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot parse " + yaml + ": " + e.getMessage(), e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
