package dev.ripeness.producers;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The fictional test conflict {@code testwar} (test resources), independent of the bundled data. */
public final class TestConflicts {

    private TestConflicts() {}

    public static ConflictConfig testwar() {
        try (InputStream in = TestConflicts.class.getClassLoader().getResourceAsStream("conflicts/testwar.json")) {
            return ConflictCatalog.parse(in, "conflicts/testwar.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConflictCatalog catalog() {
        return ConflictCatalog.of(List.of(testwar()));
    }
}
