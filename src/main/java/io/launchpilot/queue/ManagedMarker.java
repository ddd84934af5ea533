package io.launchpilot.queue;

import io.launchpilot.wandb.ExternalLink;
import io.launchpilot.wandb.RunQueue;
import java.util.Optional;

/**
 * How Launchpilot marks the queues it manages: an external link labelled {@value #LABEL} whose URL
 * is {@value #URL_PREFIX}{@code <digest>}, the digest being that of the spec last applied. The link
 * shows in the W&B UI, survives every upsert (Launchpilot sends it each time), and needs no store:
 * a queue carrying it may be pruned; one whose digest matches the current spec but whose settings
 * differ was changed by hand in W&B (drift). The {@code .invalid} domain never resolves, by RFC 2606.
 */
public final class ManagedMarker {

    public static final String LABEL = "managed-by";
    public static final String URL_PREFIX = "https://launchpilot.invalid/managed?spec=";

    private ManagedMarker() {
    }

    static ExternalLink link(String digest) {
        return new ExternalLink(LABEL, URL_PREFIX + digest);
    }

    /** The marker's URL on a live queue, if it carries one. */
    static Optional<String> url(RunQueue queue) {
        return queue.externalLinks().stream()
                .filter(link -> LABEL.equals(link.label()) && link.url().startsWith(URL_PREFIX))
                .map(ExternalLink::url)
                .findFirst();
    }

    /** Whether Launchpilot manages this queue. */
    public static boolean present(RunQueue queue) {
        return url(queue).isPresent();
    }

    /** The spec digest the marker records, if there is a marker. */
    static Optional<String> digest(RunQueue queue) {
        return url(queue).map(url -> url.substring(URL_PREFIX.length()));
    }
}
