-- Each run of a room's meeting gets its own token, signed into the end callback's URL: a callback
-- of an earlier run (or a replayed one) no longer ends anything.
ALTER TABLE rooms ADD COLUMN run_token TEXT;

-- What kind of mail a row was; once sent, its bodies are dropped (they may hold live links), and
-- who, what kind and when stay.
ALTER TABLE mail_outbox ADD COLUMN kind TEXT NOT NULL DEFAULT '';

-- What happened to accounts, regions and settings, by whom and from where, for administrators.
CREATE TABLE security_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    actor_id BIGINT,
    subject TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX security_events_at ON security_events (at);
CREATE INDEX security_events_kind ON security_events (kind, at);
