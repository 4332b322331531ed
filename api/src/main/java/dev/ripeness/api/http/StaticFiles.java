package dev.ripeness.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The dashboard's files, read once from the jar ({@code dev/ripeness/api/web/}). */
final class StaticFiles {

    private static final String ROOT = "dev/ripeness/api/web/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "json", "application/json",
            "ico", "image/x-icon");

    private final Map<String, Optional<Response>> cache = new ConcurrentHashMap<>();

    /** The dashboard: its page at {@code /} and its files under {@code /web}. */
    List<Route> routes() {
        return List.of(
                Route.get("/", (r, p) -> file("index.html")),
                Route.get("/web/{file}", (r, p) -> file(p.get("file"))));
    }

    private Response file(String name) {
        return get(name).orElseThrow(() -> ApiException.notFound("no file " + name));
    }

    /** The file named {@code name} (letters, digits, dots, dashes only), or empty. */
    Optional<Response> get(String name) {
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9.-]*") || name.contains("..")) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, StaticFiles::load);
    }

    private static Optional<Response> load(String name) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            return Optional.of(new Response(200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes(),
                    Map.of("Cache-Control", "no-cache")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
