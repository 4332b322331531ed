package dev.ripeness.conflict;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The conflicts the pipeline knows: the ones bundled in the jar ({@code conflicts/*.json},
 * listed in {@code conflicts/index.txt}) plus any {@code *.json} in a directory the user
 * names. A file in the directory replaces a bundled conflict with the same id.
 */
public final class ConflictCatalog {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, ConflictConfig> conflicts;

    private ConflictCatalog(Map<String, ConflictConfig> conflicts) {
        this.conflicts = conflicts;
    }

    public static ConflictCatalog of(Collection<ConflictConfig> configs) {
        Map<String, ConflictConfig> byId = new TreeMap<>();
        configs.forEach(c -> byId.put(c.id(), c));
        return new ConflictCatalog(byId);
    }

    /** The conflicts bundled with the release. */
    public static ConflictCatalog bundled() {
        return load(null);
    }

    /** Bundled conflicts, overridden and extended by the {@code *.json} files in {@code dir} (may be null). */
    public static ConflictCatalog load(Path dir) {
        List<ConflictConfig> configs = new ArrayList<>();
        ClassLoader loader = ConflictCatalog.class.getClassLoader();
        try (InputStream index = loader.getResourceAsStream("conflicts/index.txt")) {
            if (index != null) {
                for (String name : new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8)).lines()
                        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
                    try (InputStream in = loader.getResourceAsStream("conflicts/" + name)) {
                        if (in == null) {
                            throw new IllegalStateException("conflicts/index.txt names " + name + " but the jar lacks it");
                        }
                        configs.add(parse(in, "conflicts/" + name));
                    }
                }
            }
            if (dir != null) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            configs.add(parse(in, file.toString()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read conflict configurations: " + e.getMessage(), e);
        }
        return of(configs);
    }

    /** Parses one conflict file; the message names the file and the problem. */
    public static ConflictConfig parse(InputStream in, String where) {
        try {
            ConflictConfig config = JSON.readValue(in, ConflictConfig.class);
            ConflictValidation.check(config, where);
            return config;
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not a valid conflict configuration: " + e.getMessage(), e);
        }
    }

    public Optional<ConflictConfig> find(String id) {
        return Optional.ofNullable(conflicts.get(id));
    }

    public Collection<ConflictConfig> all() {
        return conflicts.values();
    }
}
