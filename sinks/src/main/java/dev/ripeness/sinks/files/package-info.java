/**
 * The file sink: the state topics as JSONL and CSV files for notebooks — an append-only
 * change log per topic and a compacted snapshot of the current state per topic, rewritten
 * atomically after each batch. Depends on {@code dev.ripeness.sinks} and Jackson.
 */
package dev.ripeness.sinks.files;
