package dev.ripeness.api.http;

import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.time.DateTimes;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.io.Content;

/** One request's method, path and query parameters, with parsing that names the parameter and the fix. */
final class Request {

    private final org.eclipse.jetty.server.Request request;
    private final org.eclipse.jetty.server.Response response;
    private final Map<String, String> query;
    private final String accessToken;

    Request(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response) {
        this.request = request;
        this.response = response;
        this.query = parseQuery(request.getHttpURI().getQuery());
        // The token is the server's business, never a route's parameter.
        this.accessToken = query.remove(Access.TOKEN_PARAM);
    }

    /** Where a handler that writes its own answer (SSE) writes it. */
    org.eclipse.jetty.server.Response response() {
        return response;
    }

    String method() {
        return request.getMethod();
    }

    String path() {
        return request.getHttpURI().getDecodedPath();
    }

    /** The path and query as the client sent them (for proxying). */
    String rawPathAndQuery() {
        String raw = request.getHttpURI().getPath();
        String q = request.getHttpURI().getQuery();
        return q == null ? raw : raw + "?" + q;
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The request body, read as it arrives. */
    InputStream body() {
        return Content.Source.asInputStream(request);
    }

    /** The client's address, e.g. {@code 127.0.0.1}. */
    String remoteAddress() {
        return org.eclipse.jetty.server.Request.getRemoteAddr(request);
    }

    /** Rejects any parameter the route does not know, so that a typo ({@code asof}) is not silently ignored. */
    void allowOnly(String... names) {
        Set<String> allowed = Set.of(names);
        for (String name : query.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown parameter `" + name + "`: "
                        + (names.length == 0 ? "this endpoint takes no parameters"
                        : "this endpoint takes " + String.join(", ", Arrays.stream(names).map(n -> "`" + n + "`").toList())
                        + " (names are case-sensitive)"));
            }
        }
    }

    /** The value of {@code ?access_token=}, the only query parameter that is not a route's, or null. */
    String accessToken() {
        return accessToken == null || accessToken.isBlank() ? null : accessToken.strip();
    }

    /** The parameter's value, or null when absent or empty. */
    String param(String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The parameter as an event date, or null when absent ({@link DateTimes#date}). */
    LocalDate date(String name) {
        String value = param(name);
        try {
            return value == null ? null : DateTimes.date(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("parameter `" + name + "`: " + e.getMessage());
        }
    }

    /** The parameter as an instant, or null when absent: the forms {@code --known-at} takes ({@link DateTimes#instant}). */
    Instant instant(String name) {
        String raw = param(name);
        if (raw == null) {
            return null;
        }
        // An unencoded '+' of an offset arrives as a space (form encoding); no valid form has a space.
        String value = raw.replace(' ', '+');
        try {
            return DateTimes.instant(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("parameter `" + name + "`: " + e.getMessage());
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw ApiException.badRequest("parameter `" + name + "` is given twice; give it once");
            }
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the query string has a broken %-escape in '" + s + "'; encode it as UTF-8 percent-escapes");
        }
    }

    /** The optional period of {@code from} and {@code to}; refused when {@code from} is after {@code to}. */
    Period period() {
        LocalDate from = date("from");
        LocalDate to = date("to");
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badRequest("parameter `from` (" + from + ") is after `to` (" + to + "): swap them");
        }
        return new Period(from, to);
    }

    /** A period; either end may be open (null). */
    record Period(LocalDate from, LocalDate to) {

        /** The points dated within the period (dates are ISO strings, so they compare as text). */
        List<RipenessAssessment> within(List<RipenessAssessment> points) {
            return points.stream()
                    .filter(p -> from == null || p.getAsOf().compareTo(from.toString()) >= 0)
                    .filter(p -> to == null || p.getAsOf().compareTo(to.toString()) <= 0)
                    .toList();
        }
    }
}
