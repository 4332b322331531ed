/**
 * The HTTP API, the live push's endpoint (Server-Sent Events), the web dashboard and the
 * metrics endpoint, on Jetty.
 *
 * <p>Reads go through {@link dev.ripeness.streams.query.StateQueries}, writes through
 * {@link dev.ripeness.producers.feed.EventFeed}, live changes come from
 * {@link dev.ripeness.api.live.StateChanges}; this package knows nothing of how the
 * pipeline computes them. It may depend on the schemas, streams-query and producers-feed
 * contracts. The dashboard's static files live in the resources under
 * {@code dev/ripeness/api/web/}.
 */
package dev.ripeness.api.http;
