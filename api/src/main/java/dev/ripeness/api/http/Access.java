package dev.ripeness.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what: writes ({@code POST}) need the write token; reads of {@code /api} and
 * {@code /metrics} need the read token when one is set (the write token also reads); the
 * dashboard's files, {@code /health} and {@code /ready} are open so that a browser and a
 * probe need nothing. Tokens travel as {@code Authorization: Bearer TOKEN}; a browser's
 * {@code EventSource} cannot set headers, so a read may also carry {@code ?access_token=}.
 *
 * <p>A POST must declare a JSON, JSON-lines or CSV body: a web page can send a cross-origin
 * {@code text/plain} or form POST without a preflight, never one of these, so no page can
 * feed events in a visitor's name (CSRF). Cross-origin reads stay off unless an origin is
 * allowed, and then only that one.
 */
final class Access {

    /** The query parameter that may carry a read token (for {@code EventSource}). */
    static final String TOKEN_PARAM = "access_token";

    /** What a POST body may be: JSON (array or lines) or CSV. */
    enum BodyType { JSON, CSV }

    private static final Map<String, BodyType> BODY_TYPES = Map.of(
            "application/json", BodyType.JSON,
            "application/x-ndjson", BodyType.JSON,
            "application/jsonl", BodyType.JSON,
            "application/x-jsonlines", BodyType.JSON,
            "text/csv", BodyType.CSV);

    private static final Set<String> OPEN = Set.of("/", "/web/{file}", "/health", "/ready");

    private final byte[] writeToken;
    private final byte[] readToken;
    private final String corsOrigin;

    /**
     * @param writeToken needed by every POST; never null
     * @param readToken  needed by reads of the API and metrics, or null for open reads
     * @param corsOrigin the one origin allowed cross-origin requests, or null for none
     */
    Access(String writeToken, String readToken, String corsOrigin) {
        if (writeToken == null || writeToken.isBlank()) {
            throw new IllegalArgumentException("a write token is required");
        }
        this.writeToken = writeToken.getBytes(StandardCharsets.UTF_8);
        this.readToken = readToken == null || readToken.isBlank() ? null : readToken.getBytes(StandardCharsets.UTF_8);
        this.corsOrigin = corsOrigin == null || corsOrigin.isBlank() ? null : corsOrigin.strip();
    }

    /** A random token of 32 bytes, URL-safe Base64 (43 characters). */
    static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Refuses the request unless its token allows the route.
     *
     * @throws ApiException 401 without a token, 403 with a wrong one
     */
    void check(String route, String method, Request request) {
        if ("POST".equals(method)) {
            require(writeToken, null, request, false, "writing needs the API write token: send `Authorization: Bearer TOKEN`; "
                    + "`ripeness run` prints where the token is (by default DATA_DIR/api-token) or takes --api-token-file");
            return;
        }
        if (readToken != null && !OPEN.contains(route)) {
            require(readToken, writeToken, request, true, "reading needs the API read token (--read-token): send "
                    + "`Authorization: Bearer TOKEN`, or ?" + TOKEN_PARAM + "=TOKEN where a header cannot be set");
        }
    }

    private static void require(byte[] token, byte[] alsoAccepted, Request request, boolean queryAllowed, String how) {
        String presented = bearer(request.header("Authorization"));
        if (presented == null && queryAllowed) {
            presented = request.accessToken();
        }
        if (presented == null) {
            throw new ApiException(401, how, Map.of("WWW-Authenticate", "Bearer"));
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        // Constant-time comparisons: how long a refusal takes says nothing about the token.
        boolean ok = MessageDigest.isEqual(given, token) | (alsoAccepted != null && MessageDigest.isEqual(given, alsoAccepted));
        if (!ok) {
            throw new ApiException(403, "the token does not allow this: " + how, Map.of());
        }
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /**
     * The body type a POST declares.
     *
     * @throws ApiException 415 naming the accepted types
     */
    static BodyType bodyType(String contentType) {
        String bare = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        BodyType type = BODY_TYPES.get(bare);
        if (type == null) {
            throw new ApiException(415, (contentType == null ? "the request has no Content-Type" : "Content-Type `" + contentType + "` is not accepted")
                    + ": send events as application/json (an array or one event per line), application/x-ndjson or text/csv",
                    Map.of("Accept-Post", "application/json, application/x-ndjson, text/csv"));
        }
        return type;
    }

    /** The CORS headers for a request from {@code origin}: none unless it is the allowed origin. */
    Map<String, String> cors(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (corsOrigin != null && corsOrigin.equals(origin)) {
            headers.put("Access-Control-Allow-Origin", corsOrigin);
            headers.put("Access-Control-Allow-Methods", "GET, POST");
            headers.put("Access-Control-Allow-Headers", "Authorization, Content-Type");
            headers.put("Access-Control-Max-Age", "600");
            headers.put("Vary", "Origin");
        }
        return headers;
    }

    /** Whether cross-origin requests are allowed from some origin. */
    boolean corsEnabled() {
        return corsOrigin != null;
    }
}
