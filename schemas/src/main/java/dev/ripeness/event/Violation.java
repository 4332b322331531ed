package dev.ripeness.event;

/**
 * What is wrong with one offered record: the field to blame (null when the record as a
 * whole is at fault, e.g. not JSON) and a message that says how to fix it.
 */
public record Violation(String field, String message) {

    /** {@code field `date`: `2022-02-30` is not a date}, or just the message when no field is to blame. */
    public String describe() {
        return field == null ? message : "field `" + field + "`: " + message;
    }
}
