package dev.ripeness.streams.ripeness;

/** The snapshot at the end of an event date and what is published for it. */
public record DayResult(ConflictSnapshot snapshot, DayOutputs outputs) {}
