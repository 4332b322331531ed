package dev.ripeness.cli;

import dev.ripeness.streams.model.ModelConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model}: the model file a command runs, reads against or tests. */
public final class ModelOption {

    @Option(names = "--model", paramLabel = "FILE",
            description = "Model file (JSON, docs/model.md) instead of the bundled ripeness model: every weight, window, "
                    + "half-life and threshold, and the version stamped on each record. Commands that read the live "
                    + "state need the file `ripeness run --model` uses.")
    Path file;

    /** The file named, or null for the bundled model. */
    public Path file() {
        return file;
    }

    /** The model of {@code --model}, or the bundled one; a file that cannot be used is the user's error. */
    public ModelConfig load() {
        return file == null ? ModelConfig.bundled() : load(file);
    }

    /** The model in {@code file}; a file that cannot be used is the user's error. */
    public static ModelConfig load(Path file) {
        try {
            return ModelConfig.load(file);
        } catch (RuntimeException e) {
            throw new UserException("--model " + file + ": " + e.getMessage());
        }
    }
}
