/**
 * Front-line stalemate and hurt (BRIEF §3.3): running tallies per front and actor, windows
 * as differences of tallies, momentum (qualitative, sharpened by km²), time to goal,
 * tactical/strategic stalemate, hurt and perceived stalemate. Plain Java, no Kafka.
 */
package dev.ripeness.streams.stalemate;
