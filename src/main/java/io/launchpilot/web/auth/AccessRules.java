package io.launchpilot.web.auth;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which requests need a token and which of them write. Kept apart from the HTTP plumbing so the rules
 * are one readable, tested list.
 *
 * <ul>
 *   <li>Open: Quarkus' own endpoints under {@code /q/} (health, metrics, OpenAPI), the sandbox under
 *       {@code /sandbox}, and the webhooks under {@code /api/v1/webhooks/}, which check their own
 *       secrets. Everything else is guarded, the REST API under {@code /api/} and the MCP endpoint
 *       {@code /mcp} included, so a path that is not listed fails closed.</li>
 *   <li>On the REST API, {@code GET}, {@code HEAD} and {@code OPTIONS} read; every other method writes,
 *       except the custom actions that only compute an answer: {@code :plan}, {@code :validate},
 *       {@code :dry-run}.
 *       A method not listed counts as a write, so a new verb fails closed.</li>
 *   <li>On {@code /mcp} every call is an HTTP POST, whatever the tool does: the HTTP layer only
 *       authenticates, and the tools ask {@link Caller} whether they may write.</li>
 * </ul>
 */
public final class AccessRules {

    /** What a request is to access control. */
    public enum Area {
        /** No token needed. */
        OPEN,
        /** The REST API: a token, and a write token for writes. */
        API,
        /** The MCP endpoint: a token; the tools decide about writes. */
        MCP
    }

    /** Custom actions ({@code POST /api/v1/queues:plan}) that change nothing. */
    static final Set<String> READ_ONLY_ACTIONS = Set.of("plan", "validate", "dry-run");

    private static final Set<String> READING_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final List<String> OPEN_PREFIXES = List.of("/q/", "/sandbox/", "/api/v1/webhooks/");
    private static final Pattern ENCODED_COLON = Pattern.compile("%3[aA]");
    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");
    private static final Pattern SEGMENT_PARAMETERS = Pattern.compile(";[^/]*");
    /** A "." or ".." segment left after normalisation (e.g. "..;x"): never open. */
    private static final Pattern DOT_SEGMENT = Pattern.compile("/\\.{1,2}(/|$)");

    private AccessRules() {
    }

    /** The area of a request path whose dot segments are resolved (Vert.x' normalised path). */
    public static Area area(String path) {
        String canonical = canonical(path);
        if (canonical.equals("/mcp") || canonical.startsWith("/mcp/")) {
            return Area.MCP;
        }
        boolean dotSegments = DOT_SEGMENT.matcher(canonical).find();
        if (!dotSegments && (canonical.equals("/sandbox") || OPEN_PREFIXES.stream().anyMatch(canonical::startsWith))) {
            return Area.OPEN;
        }
        return Area.API;
    }

    /** Whether a REST request changes something (and so needs a write token). */
    public static boolean writes(String method, String path) {
        if (READING_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return false;
        }
        return !"POST".equalsIgnoreCase(method) || !READ_ONLY_ACTIONS.contains(action(path));
    }

    /** The custom action of the last path segment ({@code queues:plan} -> {@code plan}), or "". */
    static String action(String path) {
        String decoded = ENCODED_COLON.matcher(canonical(path)).replaceAll(":");
        String last = decoded.substring(decoded.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        return colon < 0 ? "" : last.substring(colon + 1);
    }

    /**
     * The path as the REST layer matches it: repeated slashes as one, and without segment parameters
     * ({@code /api;x/v1} is {@code /api/v1} to JAX-RS), so neither can slip a guarded path past the rules.
     */
    static String canonical(String path) {
        return SEGMENT_PARAMETERS.matcher(REPEATED_SLASHES.matcher(path).replaceAll("/")).replaceAll("");
    }
}
