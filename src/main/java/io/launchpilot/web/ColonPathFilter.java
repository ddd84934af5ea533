package io.launchpilot.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Custom methods such as {@code POST /api/v1/queues:plan} carry a colon, which some HTTP clients
 * send percent-encoded ({@code queues%3Aplan}); resource matching works on the raw path, so the
 * encoded colon is put back before matching.
 */
@Provider
@PreMatching
public class ColonPathFilter implements ContainerRequestFilter {

    private static final Pattern ENCODED_COLON = Pattern.compile("%3[aA]");

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path != null && path.startsWith("/api/") && ENCODED_COLON.matcher(path).find()) {
            String fixed = ENCODED_COLON.matcher(path).replaceAll(":");
            request.setRequestUri(URI.create(fixed + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
        }
    }
}
