/** Feeding the event log: validation, idempotent appends, dead letters, per-record results. */
package dev.ripeness.producers.feed;
