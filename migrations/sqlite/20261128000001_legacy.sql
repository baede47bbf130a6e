-- Where each imported record came from: a legacy Greenlight instance (`source`, its host and
-- database, never its credentials), the kind of record and its id there, and what it became here.
-- A record already listed is not imported again. Written only by app::legacy.
CREATE TABLE legacy_origins (
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    legacy_id TEXT NOT NULL,
    quorum_id BIGINT NOT NULL,
    imported_at BIGINT NOT NULL,
    PRIMARY KEY (source, kind, legacy_id)
);
