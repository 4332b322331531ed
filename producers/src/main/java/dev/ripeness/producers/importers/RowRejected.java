package dev.ripeness.producers.importers;

/** An upstream row that cannot be imported, naming the upstream column to blame and the fix. */
public final class RowRejected extends Exception {

    private final String field;

    public RowRejected(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
