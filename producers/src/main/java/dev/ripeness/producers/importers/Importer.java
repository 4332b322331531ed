package dev.ripeness.producers.importers;

import dev.ripeness.producers.feed.Offer;
import java.io.Reader;
import java.util.Iterator;

/** Reads one upstream data set's file into offers of canonical events, one per usable row. */
public interface Importer {

    /**
     * @param in     the file in the upstream layout
     * @param source names the file in origins, e.g. {@code acled 2024-export.csv}
     */
    Iterator<Offer> read(Reader in, String source);
}
