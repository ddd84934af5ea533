package io.launchpilot.web.webhook;

import io.launchpilot.store.Event;
import io.launchpilot.store.NewEvent;
import io.launchpilot.store.Store;
import io.launchpilot.store.WebhookDeliveries;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Records an accepted delivery: refuses a replay within the window and appends the event to the
 * ledger, in one transaction, so the delivery is durable (and a replay recognisable by every replica)
 * when the sender gets its 202. Policies pick the event up from the ledger afterwards.
 */
@ApplicationScoped
public class WebhookInbox {

    private final Store store;
    private final WebhookDeliveries deliveries;
    private final WebhooksConfig config;
    private final Clock clock;

    WebhookInbox(Store store, WebhookDeliveries deliveries, WebhooksConfig config, Clock clock) {
        this.store = store;
        this.deliveries = deliveries;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param source the sender ({@code wandb} or a generic webhook's name)
     * @param key the delivery's identity: a body digest or a webhook-id
     * @throws io.launchpilot.store.DuplicateDeliveryException for a replay within the window
     */
    public Event record(String source, String key, NewEvent event) {
        Instant now = clock.instant();
        return store.transaction(tx -> {
            deliveries.checkNew(tx, source, key, now.minus(config.replayWindow()));
            Event appended = tx.append(List.of(event), now).get(0);
            deliveries.record(tx, source, key, now, appended.id());
            return appended;
        });
    }
}
