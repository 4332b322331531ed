/**
 * Front-line stalemate and hurt (docs/model.md §4–5): how each event becomes decaying evidence
 * ({@code Evidence}), running tallies per front and actor for the published windows, momentum as
 * shrunk evidence-weighted score, time to goal, tactical/strategic stalemate, hurt and perceived
 * stalemate. Plain Java, no Kafka.
 */
package dev.ripeness.streams.stalemate;
