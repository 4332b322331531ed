package dev.ripeness.producers.feed;

/** What happened to one offered record. {@code index} counts from 1 (the line or array position). */
public record RecordResult(int index, String eventId, Status status, String reason) {

    public enum Status { ACCEPTED, DUPLICATE, REJECTED }
}
