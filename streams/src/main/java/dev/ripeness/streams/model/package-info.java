/**
 * The model's parameters ({@link dev.ripeness.streams.model.ModelConfig}, loaded from a versioned
 * JSON file) and the event vocabulary. Plain Java and Jackson; no Kafka.
 */
package dev.ripeness.streams.model;
