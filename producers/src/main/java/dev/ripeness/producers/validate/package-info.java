/** The validation rules an event must pass before it enters the log (docs/events.md). Plain Java, no Kafka. */
package dev.ripeness.producers.validate;
