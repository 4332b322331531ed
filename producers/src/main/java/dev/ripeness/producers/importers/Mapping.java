package dev.ripeness.producers.importers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping table of an importer: lines {@code section:upstream value = our value}, {@code #}
 * comments. Sections: {@code type} (upstream code → event type), {@code actor} (upstream
 * name → actor code), {@code front} (upstream region → front id), {@code confidence}. The
 * bundled table ({@code importers/<name>-mapping.txt}) is the default; a file given with
 * {@code --mapping} adds entries and replaces those it names. Keys match case-insensitively.
 */
public final class Mapping {

    private final Map<String, String> entries = new HashMap<>();

    /** The bundled table {@code importers/<name>-mapping.txt}, overridden by {@code override} when not null. */
    public static Mapping load(String name, Path override) {
        Mapping m = new Mapping();
        String resource = "importers/" + name + "-mapping.txt";
        try (InputStream in = Mapping.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource);
            }
            m.read(in, resource);
            if (override != null) {
                try (InputStream file = Files.newInputStream(override)) {
                    m.read(file, override.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mapping: " + e.getMessage(), e);
        }
        return m;
    }

    private void read(InputStream in, String where) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int colon = l.indexOf(':');
            int eq = l.lastIndexOf(" = ");
            if (colon < 1 || eq < colon) {
                throw new IllegalArgumentException(where + " line " + n + ": expected `section:upstream value = our value`, found `" + l + "`");
            }
            entries.put(key(l.substring(0, colon), l.substring(colon + 1, eq)), l.substring(eq + 3).strip());
        }
    }

    /** Our value for {@code upstream} in {@code section}. */
    public Optional<String> get(String section, String upstream) {
        if (upstream == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(entries.get(key(section, upstream)));
    }

    /** A number from the {@code confidence} section (or any other), or {@code fallback}. */
    public double number(String section, String key, double fallback) {
        return get(section, key).map(Double::parseDouble).orElse(fallback);
    }

    private static String key(String section, String upstream) {
        return section.strip().toLowerCase(Locale.ROOT) + ':' + upstream.strip().toLowerCase(Locale.ROOT);
    }
}
