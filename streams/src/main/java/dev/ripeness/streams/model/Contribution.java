package dev.ripeness.streams.model;

/**
 * One event's contribution to one published number: the unit of every explanation.
 *
 * @param eventId the event that moved the number
 * @param date the event's date
 * @param component what moved, e.g. {@code wayOut}, {@code hurt:RU}, {@code momentum:donbas:RU}
 * @param delta by how much (new value minus the value without this event)
 * @param note which model parameter turned the event into the delta
 */
public record Contribution(String eventId, String date, String component, double delta, String note) {}
