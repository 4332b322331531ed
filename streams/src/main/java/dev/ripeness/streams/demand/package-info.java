/**
 * Demand ladders (BRIEF §3.2): positions per actor and dimension, demand index, escalations,
 * the ratchet after setbacks, demand gap and zone of possible agreement. Plain Java; depends
 * only on the conflict configuration, the Avro event and {@code streams.model}.
 */
package dev.ripeness.streams.demand;
