package io.launchpilot.web.auth;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which requests need a token and which of them write. Kept apart from the HTTP plumbing so the rules
 * are one readable, tested list.
 *
 * <ul>
 *   <li>Guarded: the REST API under {@code /api/} (but not the webhooks under {@code /api/v1/webhooks/},
 *       which check their own secrets) and the MCP endpoint {@code /mcp}. Everything else
 *       ({@code /q/health}, {@code /q/metrics}, {@code /q/openapi}, the sandbox) is open.</li>
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
    private static final Pattern ENCODED_COLON = Pattern.compile("%3[aA]");
    private static final String WEBHOOKS = "/api/v1/webhooks/";

    private AccessRules() {
    }

    /** The area of a normalised request path (dot segments resolved). */
    public static Area area(String path) {
        if (path.equals("/mcp") || path.startsWith("/mcp/")) {
            return Area.MCP;
        }
        if (path.startsWith("/api/") && !path.startsWith(WEBHOOKS)) {
            return Area.API;
        }
        return Area.OPEN;
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
        String decoded = ENCODED_COLON.matcher(path).replaceAll(":");
        String last = decoded.substring(decoded.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        return colon < 0 ? "" : last.substring(colon + 1);
    }
}
