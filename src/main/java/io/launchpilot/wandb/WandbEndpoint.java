package io.launchpilot.wandb;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Where GraphQL requests go and how they authenticate. With an API key: {@code {base-url}/graphql}
 * with HTTP Basic {@code api:<key>}, as the SDK does. Without one: the embedded sandbox of this
 * process, on the port the HTTP server really listens on. That port is only known once the server
 * has started (tests use a random one), so it is asked for on every call (see {@link LocalHttpServer}).
 *
 * <p>This class is the only holder of the key. It never prints it: {@link #toString()} shows the URL
 * alone, and {@link #redact(String)} scrubs it from any text that might leave the client.
 */
final class WandbEndpoint {

    static final String SANDBOX_PATH = "/sandbox/graphql";
    private static final String REDACTED = "[redacted]";

    private final String baseUrl;
    private final String apiKey;
    private final String credentials;
    private final IntSupplier localPort;

    WandbEndpoint(String baseUrl, Optional<String> apiKey, IntSupplier localPort) {
        this.baseUrl = stripTrailingSlashes(baseUrl);
        this.apiKey = apiKey.map(String::trim).filter(key -> !key.isEmpty()).orElse(null);
        this.credentials = this.apiKey == null ? null
                : Base64.getEncoder().encodeToString(("api:" + this.apiKey).getBytes(StandardCharsets.UTF_8));
        this.localPort = localPort;
    }

    /** True when no API key is set and calls go to the embedded sandbox. */
    boolean sandbox() {
        return apiKey == null;
    }

    /** The GraphQL URL; it never contains credentials. */
    String url() {
        return sandbox() ? "http://127.0.0.1:" + localPort.getAsInt() + SANDBOX_PATH : baseUrl + "/graphql";
    }

    /** The {@code Authorization} header value, when there is a key. */
    Optional<String> authorization() {
        return Optional.ofNullable(credentials).map(encoded -> "Basic " + encoded);
    }

    /** The text with the key, and the Basic credentials made from it, replaced. */
    String redact(String text) {
        if (text == null || apiKey == null) {
            return text;
        }
        return text.replace(apiKey, REDACTED).replace(credentials, REDACTED);
    }

    @Override
    public String toString() {
        return sandbox() ? "embedded sandbox" : baseUrl + "/graphql";
    }

    private static String stripTrailingSlashes(String url) {
        String result = url == null ? "" : url.trim();
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(result);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(
                    "launchpilot.wandb.base-url (WANDB_BASE_URL) must be an http(s) URL such as https://api.wandb.ai, got '"
                            + result + "'");
        }
        return result;
    }
}
