package dev.ripeness.streams.model;

/**
 * One event's contribution to one published number: the unit of every explanation.
 *
 * @param eventId the event that moved the number
 * @param date the event's date
 * @param component what moved, e.g. {@code wayOut}, {@code hurt:RU}, {@code momentum:donbas:RU}
 * @param delta by how much (new value minus the value without this event)
 * @param note which model parameter turned the event into the delta; null when {@code cause} is given
 * @param cause what the note is rendered from when it is published, or null when {@code note} is the text itself
 */
public record Contribution(String eventId, String date, String component, double delta, String note, Cause cause) {

    /** A contribution whose note is its text. */
    public Contribution(String eventId, String date, String component, double delta, String note) {
        this(eventId, date, component, delta, note, null);
    }

    /**
     * The facts of an event that its parameter note reads (with the component and the model):
     * kept instead of the note's few hundred characters, so that a snapshot stays small and the
     * text is written only when a record is published.
     */
    public record Cause(String type, Double confidence, boolean area, boolean casualties, String actor,
                        boolean positions) {}
}
