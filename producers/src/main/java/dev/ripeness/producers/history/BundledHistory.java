package dev.ripeness.producers.history;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.producers.feed.FeedSummary;
import dev.ripeness.producers.feed.KafkaEventFeed;
import dev.ripeness.producers.feed.Offer;
import dev.ripeness.producers.feed.Offers;
import dev.ripeness.producers.feed.RecordResult;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The event histories shipped in the jar: {@code history/<conflict>.jsonl} for every
 * bundled conflict that has one. Fed through the same {@link KafkaEventFeed} as any file,
 * so they pass the same validation and land in the dead-letter topic if they do not.
 */
public final class BundledHistory {

    private BundledHistory() {}

    /** The classpath resource of a conflict's bundled history. */
    public static String resource(String conflict) {
        return "history/" + conflict + ".jsonl";
    }

    /** The conflicts of {@code catalog} that ship a history. */
    public static List<String> conflicts(ConflictCatalog catalog) {
        List<String> out = new ArrayList<>();
        for (ConflictConfig c : catalog.all()) {
            if (BundledHistory.class.getClassLoader().getResource(resource(c.id())) != null) {
                out.add(c.id());
            }
        }
        return out;
    }

    /** Offers of one conflict's history, origin {@code history russia-ukraine.jsonl line N}. */
    public static Iterator<Offer> offers(String conflict) {
        InputStream in = BundledHistory.class.getClassLoader().getResourceAsStream(resource(conflict));
        if (in == null) {
            throw new IllegalArgumentException("no bundled history for " + conflict);
        }
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        return Offers.jsonLines(reader, "history " + conflict + ".jsonl");
    }

    /** Feeds every bundled history through {@code feed}; one summary over all of them. */
    public static FeedSummary load(KafkaEventFeed feed, ConflictCatalog catalog, Consumer<RecordResult> each) {
        FeedSummary total = new FeedSummary();
        for (String conflict : conflicts(catalog)) {
            feed.feed(offers(conflict), r -> {
                total.add(r);
                each.accept(r);
            });
        }
        return total;
    }

}
