/**
 * The PostgreSQL sink: mirrors the state topics into current-state and timeline tables,
 * upserted by the topics' own keys so that a replay converges to the same rows. Creates its
 * database when it can and migrates its schema itself ({@link dev.ripeness.sinks.postgres.Migrations}).
 * Depends on {@code dev.ripeness.sinks} and the PostgreSQL JDBC driver.
 */
package dev.ripeness.sinks.postgres;
