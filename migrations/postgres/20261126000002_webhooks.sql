-- Alerts posted to a chat bridge or other tool: queued in the transaction that records the change,
-- posted by the webhooks job (one process at a time), each once. Written only by app::monitoring.
CREATE TABLE webhook_outbox (
    id BIGSERIAL PRIMARY KEY,
    url TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL DEFAULT 0,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (sent_at, next_attempt_at);
-- A Scalelite-style health check URL whose body says whether the region is well.
ALTER TABLE regions ADD COLUMN health_url TEXT;
