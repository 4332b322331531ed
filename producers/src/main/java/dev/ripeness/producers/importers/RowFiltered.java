package dev.ripeness.producers.importers;

/**
 * An upstream row that is readable but deliberately left out: outside the conflict (another
 * country, conflict or actor pair) or outside what the model reads (protests, riots). Its
 * message reads {@code group — detail}; the group is what summaries count.
 */
public final class RowFiltered extends Exception {

    public RowFiltered(String group, String detail) {
        super(group + " — " + detail, null, false, false);
    }
}
