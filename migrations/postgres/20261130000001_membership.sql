-- Membership tiers: what members contributing at least monthly_minor (minor units of currency) a
-- month may use; NULL limits are unlimited. The lowest tier is the free tier. Written only by
-- app::membership::service::tiers.
CREATE TABLE tiers (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    monthly_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    max_rooms BIGINT,
    max_minutes BIGINT,
    max_participants BIGINT,
    recording INTEGER NOT NULL DEFAULT 1,
    events INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);
-- What one unit of from_currency counts as in to_currency, in millionths (0.68 is 680000): set by
-- an admin, never floating point. Written only by app::membership::service::tiers.
CREATE TABLE currency_rates (
    from_currency TEXT NOT NULL,
    to_currency TEXT NOT NULL,
    rate_micros BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (from_currency, to_currency)
);
-- A tier given by hand (a solidarity membership) until ends_at. Written only by
-- app::membership::service::grants.
CREATE TABLE tier_grants (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tier_id BIGINT NOT NULL REFERENCES tiers (id) ON DELETE CASCADE,
    ends_at BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    granted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX tier_grants_user ON tier_grants (user_id, ends_at);
-- The mail before a member's grace period ends, once per grace period, across processes. Written
-- only by app::membership::service::lapsing.
CREATE TABLE membership_notices (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    grace_ends BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, grace_ends)
);
-- Every admin change to a contribution: who, when, and the row before and after (JSON). Written
-- only by app::contributions::service::store.
CREATE TABLE contribution_audit (
    id BIGSERIAL PRIMARY KEY,
    contribution_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    at BIGINT NOT NULL,
    old_value TEXT NOT NULL DEFAULT '',
    new_value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contribution_audit_at ON contribution_audit (at);
-- Each uploaded export and what its import did (JSON), so the page shows the report after the
-- upload's redirect. Written only by app::contributions::service::store.
CREATE TABLE contribution_imports (
    id BIGSERIAL PRIMARY KEY,
    actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    at BIGINT NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    report TEXT NOT NULL
);
