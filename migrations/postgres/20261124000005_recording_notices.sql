-- Recording-ready callbacks are retried by BBB: remember which recordings were announced, so the
-- owner gets one mail each.
CREATE TABLE recording_notices (
    record_id TEXT PRIMARY KEY,
    room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);
