package io.launchpilot.policy.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.signing.StandardWebhooks;
import io.launchpilot.store.ActionRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@code webhook}: POSTs {@code body} (default: the firing's policy, key, subject, trigger and event)
 * as JSON to {@code url}, with the Standard Webhooks headers: {@code webhook-id} is the action's id, the
 * same on every attempt, so a receiver drops repeats; {@code webhook-signature} is there when
 * {@code secret} names a configured secret. Whether a receiver got an earlier attempt cannot be asked, so
 * webhooks are at-least-once with a stable id. 2xx is done; 4xx other than 408 and 429 fails for good;
 * anything else (5xx, 408, 429, no answer) is retried.
 */
@ApplicationScoped
class WebhookAction implements ActionHandler {

    private static final Set<String> RESERVED_HEADERS = Set.of(StandardWebhooks.ID, StandardWebhooks.TIMESTAMP,
            StandardWebhooks.SIGNATURE, "content-type", "content-length", "host", "connection");

    private final ActionsConfig config;
    private final Clock clock;
    private final HttpClient http;

    WebhookAction(ActionsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public ActionType type() {
        return ActionType.WEBHOOK;
    }

    @Override
    public ObjectNode execute(ActionRecord action, boolean resumed) {
        Params params = Params.of(action);
        URI url = url(params);
        byte[] body = body(action, params);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(config.webhookTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers(params, request);
        Instant now = clock.instant();
        request.header(StandardWebhooks.ID, action.id())
                .header(StandardWebhooks.TIMESTAMP, String.valueOf(now.getEpochSecond()));
        if (params.has("secret")) {
            String name = params.text("secret");
            String secret = config.webhookSecrets().get(name);
            if (secret == null) {
                throw params.invalid("no webhook secret named " + name
                        + " is configured (launchpilot.actions.webhook-secrets." + name + ")");
            }
            request.header(StandardWebhooks.SIGNATURE,
                    StandardWebhooks.sign(secret, action.id(), now, body));
        }
        // the receiver's host only: a webhook URL may carry a token in its path or query
        String receiver = "webhook to " + url.getHost();
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw ActionFailure.retryable(receiver + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ActionFailure.retryable(receiver + " was interrupted");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Params.result().put("status", status).put("webhookId", action.id());
        }
        String failure = receiver + " answered " + status;
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw ActionFailure.permanent(failure);
        }
        throw ActionFailure.retryable(failure);
    }

    private static URI url(Params params) {
        String text = params.text("url");
        URI url;
        try {
            url = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw params.invalid("url is not a URL");
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw params.invalid("url must be an http or https URL");
        }
        return url;
    }

    private static byte[] body(ActionRecord action, Params params) {
        JsonNode body = params.node("body");
        if (body == null || body.isNull()) {
            ObjectNode fallback = Params.result().put("policy", action.policy()).put("firingKey", action.firingKey())
                    .put("subject", action.subject()).put("trigger", action.trigger());
            if (action.eventId() == null) {
                fallback.putNull("event");
            } else {
                fallback.put("event", action.eventId());
            }
            body = fallback;
        }
        try {
            return Params.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw params.invalid("body cannot be written as JSON");
        }
    }

    private static void headers(Params params, HttpRequest.Builder request) {
        JsonNode headers = params.node("headers");
        if (headers == null || headers.isNull()) {
            return;
        }
        if (!headers.isObject()) {
            throw params.invalid("headers must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = headers.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> header = fields.next();
            if (!header.getValue().isTextual()) {
                throw params.invalid("header " + header.getKey() + " must be a string");
            }
            if (RESERVED_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                throw params.invalid("header " + header.getKey() + " is set by Launchpilot");
            }
            try {
                request.header(header.getKey(), header.getValue().asText());
            } catch (IllegalArgumentException e) {
                throw params.invalid("header " + header.getKey() + " is not a valid HTTP header");
            }
        }
    }
}
