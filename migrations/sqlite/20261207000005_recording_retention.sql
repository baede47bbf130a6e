-- Issue 35: retention. A tier keeps its members' recordings for `retention_days` (NULL: for
-- ever) and may let them keep one past that (`keep_recordings`).
ALTER TABLE tiers ADD COLUMN retention_days BIGINT;
ALTER TABLE tiers ADD COLUMN keep_recordings INTEGER NOT NULL DEFAULT 0;

-- The recordings their room's managers chose to keep past the period. Written only by
-- app::recordings::service::retention.
CREATE TABLE recording_keeps (
    record_id TEXT PRIMARY KEY,
    room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    kept_by BIGINT NOT NULL,
    kept_at BIGINT NOT NULL
);

-- Which recordings each owner was told would be deleted, and when: a recording is deleted no
-- sooner than a week after its owner was told, and each owner is mailed at most once a week.
CREATE TABLE recording_expiry_notices (
    record_id TEXT PRIMARY KEY,
    room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    owner_id BIGINT NOT NULL,
    noticed_at BIGINT NOT NULL
);
CREATE INDEX recording_expiry_notices_owner ON recording_expiry_notices (owner_id, noticed_at);
