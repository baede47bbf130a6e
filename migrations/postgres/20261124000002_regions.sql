-- A region is one BBB API endpoint (a Scalelite balancer or a BBB server). Flags are 0/1 integers
-- so the same queries read them on SQLite and PostgreSQL.
CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    api_url TEXT NOT NULL,
    secret TEXT NOT NULL,
    checksum TEXT NOT NULL DEFAULT 'sha256',
    recording BIGINT NOT NULL DEFAULT 1,
    max_meeting BIGINT NOT NULL DEFAULT 0,
    capacity BIGINT NOT NULL DEFAULT 0,
    event_tag TEXT,
    enabled BIGINT NOT NULL DEFAULT 1,
    is_default BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
