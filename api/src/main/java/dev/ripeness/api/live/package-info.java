/**
 * Where the live push's changes come from: the state topics of the catalog, read by
 * {@link dev.ripeness.api.live.KafkaStateChanges} (the only class here that uses the Kafka
 * clients) and fanned out to the SSE sessions of {@code dev.ripeness.api.http}.
 */
package dev.ripeness.api.live;
