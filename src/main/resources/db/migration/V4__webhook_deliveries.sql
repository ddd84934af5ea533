-- Webhook deliveries seen recently, to refuse replays. Shared by every replica through the store, so a
-- replay is refused whichever replica it reaches. delivery_key is the SHA-256 of the body for W&B
-- (which sends no delivery id) and the webhook-id header for Standard Webhooks senders. Rows older than
-- the replay window are pruned.
CREATE TABLE webhook_delivery (
    source       VARCHAR(200)             NOT NULL,
    delivery_key VARCHAR(200)             NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    event_id     BIGINT                   NOT NULL,
    PRIMARY KEY (source, delivery_key)
);
CREATE INDEX webhook_delivery_received_at ON webhook_delivery (received_at);
