package dev.ripeness.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.producers.event.EventFormatException;
import dev.ripeness.producers.event.EventJson;
import dev.ripeness.event.Violation;
import dev.ripeness.event.EventValidator;
import dev.ripeness.schema.Event;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads calibration cases: one folder per case with {@code conflict.json}, {@code events.jsonl}
 * and {@code case.json} (docs/validation.md). The bundled set is on the class path under
 * {@code calibration/}, listed in {@code calibration/cases.txt}; {@link #load(Path)} reads the
 * same layout from a directory. Events go through the feeders' own parser and validation, so
 * a case holds exactly what {@code ripeness produce} would let into the log.
 */
public final class CalibrationSet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CalibrationSet() {}

    /** The cases bundled with the release. */
    public static List<CalibrationCase> bundled() {
        ClassLoader loader = CalibrationSet.class.getClassLoader();
        Function<String, byte[]> read = path -> {
            try (InputStream in = loader.getResourceAsStream("calibration/" + path)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks calibration/" + path);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        List<CalibrationCase> cases = new ArrayList<>();
        for (String id : ids(new String(read.apply("cases.txt"), StandardCharsets.UTF_8))) {
            cases.add(read(id, path -> read.apply(id + "/" + path), "calibration/" + id + "/"));
        }
        return cases;
    }

    /** The cases in {@code dir}: every sub-folder holding a {@code case.json}, in name order. */
    public static List<CalibrationCase> load(Path dir) {
        try (var folders = Files.list(dir)) {
            List<CalibrationCase> cases = new ArrayList<>();
            for (Path folder : folders.filter(p -> Files.exists(p.resolve("case.json"))).sorted().toList()) {
                cases.add(read(folder.getFileName().toString(), path -> {
                    try {
                        return Files.readAllBytes(folder.resolve(path));
                    } catch (IOException e) {
                        throw new UncheckedIOException(folder.resolve(path) + ": " + e.getMessage(), e);
                    }
                }, folder + "/"));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static CalibrationCase.Label label(String id, byte[] bytes, String where) {
        try {
            JsonNode n = JSON.readTree(bytes);
            for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!LABEL_FIELDS.contains(name)) {
                    throw new IllegalArgumentException(where + ": unknown field `" + name + "`; known: " + LABEL_FIELDS);
                }
            }
            if (!id.equals(n.path("conflict").asText())) {
                throw new IllegalArgumentException(where + ": field `conflict` must be `" + id + "`");
            }
            List<String> sources = new ArrayList<>();
            n.path("sources").forEach(x -> sources.add(x.asText()));
            return new CalibrationCase.Label(id,
                    CalibrationCase.Outcome.valueOf(required(n, "outcome", where)),
                    LocalDate.parse(required(n, "date", where)),
                    n.path("agreement").asText(null),
                    LocalDate.parse(required(n, "windowStart", where)),
                    CalibrationCase.Set.valueOf(required(n, "set", where)),
                    sources, n.path("notes").asText(null));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage()
                    + " (needs conflict, outcome SETTLEMENT|FAILURE, date, windowStart, set TUNING|HOLDOUT; docs/validation.md)", e);
        }
    }

    private static String required(JsonNode n, String field, String where) {
        if (!n.hasNonNull(field)) {
            throw new IllegalArgumentException("field `" + field + "` is required");
        }
        return n.get(field).asText();
    }

    private static final List<String> LABEL_FIELDS = List.of("conflict", "outcome", "date", "agreement", "windowStart",
            "set", "sources", "notes");

    static List<String> ids(String index) {
        return index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static CalibrationCase read(String id, Function<String, byte[]> files, String where) {
        ConflictConfig conflict = ConflictCatalog.parse(new ByteArrayInputStream(files.apply("conflict.json")),
                where + "conflict.json");
        if (!conflict.id().equals(id)) {
            throw new IllegalArgumentException(where + "conflict.json: field `id` is `" + conflict.id()
                    + "`; it must be the folder's name `" + id + "`");
        }
        CalibrationCase.Label label = label(id, files.apply("case.json"), where + "case.json");
        EventValidator validator = new EventValidator(ConflictCatalog.of(List.of(conflict)));
        List<Event> events = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        String[] lines = new String(files.apply("events.jsonl"), StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                Event e = EventJson.parse(lines[i]);
                Optional<Violation> v = validator.check(e);
                if (v.isPresent()) {
                    rejected.add("events.jsonl line " + (i + 1) + ": field `" + v.get().field() + "`: " + v.get().message());
                } else {
                    events.add(e);
                }
            } catch (EventFormatException e) {
                rejected.add("events.jsonl line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new CalibrationCase(conflict, events, rejected, label);
    }
}
