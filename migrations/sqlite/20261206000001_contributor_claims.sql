-- A member's request that a profile at a source (an Open Collective slug) is theirs. It moves
-- nothing: the profile's contributions count for them only once an export gives that profile one of
-- their verified emails, or an admin confirms the claim. One claim per member and source; written
-- only by app::contributions (service/store.rs).
CREATE TABLE contributor_claims (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    external_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (user_id, source)
);
CREATE INDEX contributor_claims_key ON contributor_claims (source, external_key);
-- The email the latest export gave for a contributor, so a claim made after the import can be
-- confirmed by it.
ALTER TABLE contributors ADD COLUMN email TEXT;
