/** Plain JSON renderings of the Avro records, shared by the API and the sinks. */
package dev.ripeness.schema.json;
