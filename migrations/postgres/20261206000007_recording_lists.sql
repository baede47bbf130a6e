-- A room's recordings as its region last listed them, shared by every portal process: a room is
-- asked at most once a minute however many processes serve it (issue 39). `asked_at` is the claim
-- of the process asking now; `ok` = 0 keeps the region's refusal (as a message) for a few seconds.
CREATE TABLE recording_lists (
    meeting_id TEXT PRIMARY KEY,
    fetched_at BIGINT NOT NULL DEFAULT 0,
    asked_at BIGINT NOT NULL DEFAULT 0,
    ok BIGINT NOT NULL DEFAULT 1,
    body TEXT NOT NULL DEFAULT ''
);
