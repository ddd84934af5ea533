package io.launchpilot.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.launchpilot.signing.StandardWebhooks;
import io.launchpilot.store.Event;
import io.launchpilot.web.auth.Credentials;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.HexFormat;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The webhook target. Each delivery is checked (size, then credentials, then JSON), recorded in the
 * ledger as one {@code webhook.received} event, and answered 202 with the event's id; policies act on
 * it afterwards. Refusals store nothing. These paths check their own secrets, not the API's tokens.
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class WebhooksResource {

    /** The answer to an accepted delivery: the ledger event it became. */
    @RegisterForReflection
    public record Receipt(long eventId) {
    }

    private final WandbWebhook wandb;
    private final GenericWebhooks generic;
    private final WebhookInbox inbox;
    private final WebhooksConfig config;
    private final Clock clock;

    WebhooksResource(WandbWebhook wandb, GenericWebhooks generic, WebhookInbox inbox, WebhooksConfig config,
            Clock clock) {
        this.wandb = wandb;
        this.generic = generic;
        this.inbox = inbox;
        this.config = config;
        this.clock = clock;
    }

    @POST
    @Path("wandb")
    @Operation(summary = "A W&B Automation delivery (X-Wandb-Signature and/or Authorization: Bearer, as configured)")
    public Response wandb(InputStream in, @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            @HeaderParam(WandbWebhook.SIGNATURE) String signature,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws IOException {
        byte[] body = WebhookBody.read(in, contentLength, config.maxBody().asLongValue());
        wandb.verify(body, signature, authorization);
        JsonNode json = Redaction.apply(WebhookBody.parse(body), wandb.credentials());
        // W&B sends no delivery id: the same body again within the window is the replay
        String digest = HexFormat.of().formatHex(Credentials.sha256(body));
        return accepted(inbox.record(WebhookEvents.WANDB, digest, WandbPayloads.event(json)));
    }

    @POST
    @Path("generic/{name}")
    @Operation(summary = "A delivery signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature)")
    public Response generic(@PathParam("name") String name, InputStream in,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            @HeaderParam(StandardWebhooks.ID) String id, @HeaderParam(StandardWebhooks.TIMESTAMP) String timestamp,
            @HeaderParam(StandardWebhooks.SIGNATURE) String signature) throws IOException {
        generic.requireKnown(name);
        byte[] body = WebhookBody.read(in, contentLength, config.maxBody().asLongValue());
        generic.verify(name, id, timestamp, signature, body, clock.instant());
        JsonNode json = WebhookBody.parse(body);
        return accepted(inbox.record("generic/" + name, id, generic.event(name, id, json)));
    }

    private static Response accepted(Event event) {
        return Response.accepted(new Receipt(event.id())).build();
    }
}
