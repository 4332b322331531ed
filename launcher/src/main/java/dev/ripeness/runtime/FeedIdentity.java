package dev.ripeness.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The {@code transactional.id} of a data dir's event feed, made on first start and kept in
 * {@code DATA_DIR/feed-transactional-id}. Being the same after a restart is the point: the restarted feed's
 * {@code initTransactions} aborts the transaction a killed run left open, at once, instead of letting it hold
 * back every {@code read_committed} reader until it times out. Being different per data dir lets instances
 * share a cluster (each has its own dir; the data dir lock keeps a dir to one process).
 */
final class FeedIdentity {

    /** The file in the data dir that holds the id. */
    static final String FILE_NAME = "feed-transactional-id";

    private FeedIdentity() {}

    /** The data dir's id, made (and written atomically, so a kill never leaves half of one) when it has none. */
    static String of(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!kept.isEmpty()) {
                    return kept;
                }
            }
            String id = "ripeness-feed-" + UUID.randomUUID();
            Path partial = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
            Files.writeString(partial, id + "\n", StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the event feed's id in " + file + ": " + e.getMessage(), e);
        }
    }
}
