/**
 * The HTTP API, the live push (Server-Sent Events), the web dashboard and the metrics
 * endpoint, on the JDK's own HTTP server.
 *
 * <p>Reads go through {@link dev.ripeness.streams.query.StateQueries}, writes through
 * {@link dev.ripeness.producers.feed.EventFeed}, live changes come from
 * {@link dev.ripeness.sinks.http.StateChanges}; this package knows nothing of how the
 * pipeline computes them. It may depend on the schemas, streams-query and producers-feed
 * contracts and on the Kafka clients (for {@link dev.ripeness.sinks.http.KafkaStateChanges}
 * only). The dashboard's static files live in the resources under {@code web/}.
 */
package dev.ripeness.sinks.http;
