package dev.ripeness.api.http;

import java.io.IOException;
import java.util.Map;
import org.eclipse.jetty.http.pathmap.UriTemplatePathSpec;

/**
 * One endpoint: its method, its path template (Jetty's URI template, also the label of its
 * metrics and the key of its access rule) and what answers it.
 */
record Route(String method, UriTemplatePathSpec path, Endpoint endpoint) {

    /** Answers one request; {@code params} holds the template's variables, e.g. {@code id}. */
    @FunctionalInterface
    interface Endpoint {
        Response answer(Request request, Map<String, String> params) throws IOException;
    }

    static Route get(String template, Endpoint endpoint) {
        return new Route("GET", new UriTemplatePathSpec(template), endpoint);
    }

    static Route post(String template, Endpoint endpoint) {
        return new Route("POST", new UriTemplatePathSpec(template), endpoint);
    }

    String pattern() {
        return path.getDeclaration();
    }
}
