/**
 * What every sink shares: the state topics a sink reads ({@link dev.ripeness.sinks.StateKind},
 * {@link dev.ripeness.sinks.SinkTopics}), the consumer loop that hands decoded batches to a
 * sink and commits only after the sink has stored them ({@link dev.ripeness.sinks.StateTopicReader}),
 * and the typed columns both the PostgreSQL tables and the CSV files expose
 * ({@link dev.ripeness.sinks.StateColumns}). Depends on the schemas module and kafka-clients;
 * the HTTP API (module {@code api}) does not use it.
 */
package dev.ripeness.sinks;
