package dev.ripeness.cli;

import dev.ripeness.conflict.ConflictCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --conflicts-dir}: the conflicts a command knows, for every command that reads or writes events. */
public final class ConflictsOption {

    @Option(names = "--conflicts-dir", paramLabel = "DIR",
            description = "Directory of conflict configuration files (*.json, docs/conflicts.md) added to the bundled ones; "
                    + "a file with a bundled conflict's id replaces it. Give every command the directory `ripeness run` has.")
    Path dir;

    /** The directory named, or null for the bundled conflicts only. */
    public Path dir() {
        return dir;
    }

    /** The bundled conflicts plus those of {@code --conflicts-dir}; a file that cannot be used is the user's error. */
    public ConflictCatalog catalog() {
        try {
            return ConflictCatalog.load(dir);
        } catch (RuntimeException e) {
            throw new UserException(e.getMessage());
        }
    }
}
