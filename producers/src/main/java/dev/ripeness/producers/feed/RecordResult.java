package dev.ripeness.producers.feed;

/**
 * What happened to one offered record. {@code index} counts from 1 (the line or array position).
 * {@code FILTERED}: an upstream row deliberately left out (outside the conflict or the model's scope);
 * it is neither written nor dead-lettered.
 */
public record RecordResult(int index, String eventId, Status status, String reason) {

    public enum Status { ACCEPTED, DUPLICATE, FILTERED, REJECTED }
}
