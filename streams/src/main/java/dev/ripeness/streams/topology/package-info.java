/**
 * Kafka plumbing of the pipeline: the Processor API topology, its named stores and sinks,
 * the byte layouts of store values and the bounded RocksDB memory. Feeds
 * {@code streams.ripeness} and stores its results; holds no model arithmetic.
 */
package dev.ripeness.streams.topology;
