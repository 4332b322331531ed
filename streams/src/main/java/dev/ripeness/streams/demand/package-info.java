/**
 * Demand ladders (docs/model.md §5, Demand): positions per actor and dimension, demand index, escalations,
 * the ratchet after setbacks, demand gap and zone of possible agreement. Plain Java; depends
 * only on the conflict configuration, the Avro event and {@code streams.model}.
 */
package dev.ripeness.streams.demand;
