/**
 * The canonical event formats: strict JSON/JSONL and CSV codecs with exactly the documented
 * field names, and the event-type vocabulary. Depends on the Avro {@code Event} only.
 */
package dev.ripeness.producers.event;
