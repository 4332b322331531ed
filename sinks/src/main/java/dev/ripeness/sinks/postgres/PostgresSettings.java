package dev.ripeness.sinks.postgres;

import java.util.Map;
import java.util.Properties;

/**
 * Where the PostgreSQL sink writes. Defaults come from the environment
 * ({@value #ENV_URL}, {@value #ENV_USER}, {@value #ENV_PASSWORD}); command-line flags override them.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host:port/database}
 * @param user     null to let the driver decide (e.g. from the URL or {@code PGUSER})
 * @param password null for none (trust or peer authentication)
 */
public record PostgresSettings(String jdbcUrl, String user, String password) {

    public static final String ENV_URL = "RIPENESS_JDBC_URL";
    public static final String ENV_USER = "RIPENESS_DB_USER";
    public static final String ENV_PASSWORD = "RIPENESS_DB_PASSWORD";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/ripeness";

    public PostgresSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl
                    + " (expected jdbc:postgresql://host:port/database)");
        }
    }

    /** Settings from the environment, with {@link #DEFAULT_URL} when {@value #ENV_URL} is unset. */
    public static PostgresSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Settings from {@code env} (a map like {@link System#getenv()}). */
    static PostgresSettings fromEnvironment(Map<String, String> env) {
        return new PostgresSettings(env.getOrDefault(ENV_URL, DEFAULT_URL), env.get(ENV_USER), env.get(ENV_PASSWORD));
    }

    /** The same credentials for another URL. */
    public PostgresSettings withUrl(String url) {
        return new PostgresSettings(url, user, password);
    }

    /** Driver properties: user and password when given. */
    Properties driverProperties() {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    /** The URL without credentials that may sit in its query string, for messages and logs. */
    public String safeUrl() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
