package dev.ripeness.producers.event;

import dev.ripeness.event.Violation;

/** An offered record that cannot even be read as an event (syntax, unknown field, wrong JSON type). */
public final class EventFormatException extends Exception {

    private final transient Violation violation;

    public EventFormatException(String field, String message) {
        super(new Violation(field, message).describe());
        this.violation = new Violation(field, message);
    }

    public Violation violation() {
        return violation;
    }
}
