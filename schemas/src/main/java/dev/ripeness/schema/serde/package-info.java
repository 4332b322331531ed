/**
 * Serdes for the Avro contract: single-object encoding, no registry, every published
 * schema version resolvable. Depends on Avro and kafka-clients only.
 */
package dev.ripeness.schema.serde;
