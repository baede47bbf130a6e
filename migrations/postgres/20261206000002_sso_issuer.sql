-- Identities are keyed by the issuer and the subject, which OpenID Connect makes unique together;
-- the provider's slug only says where the member linked it. A slug pointed at another issuer finds
-- none of the old issuer's members: that issuer's links start empty. Existing rows take their
-- provider's issuer; rows of providers from the configuration file (not stored here) keep '' until
-- the portal starts and fills them in (app::sso::service::identities::adopt_configured).
-- Written only by app::sso::service::identities.
CREATE TABLE sso_identities_by_issuer (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    provider TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    linked_at BIGINT NOT NULL,
    PRIMARY KEY (provider, issuer, subject),
    UNIQUE (provider, user_id)
);
INSERT INTO sso_identities_by_issuer (issuer, subject, provider, user_id, email, linked_at)
SELECT COALESCE((SELECT p.issuer FROM sso_providers p WHERE p.slug = i.provider), ''),
       i.subject, i.provider, i.user_id, i.email, i.linked_at
FROM sso_identities i;
DROP TABLE sso_identities;
ALTER TABLE sso_identities_by_issuer RENAME TO sso_identities;
CREATE UNIQUE INDEX sso_identities_identity ON sso_identities (issuer, subject) WHERE issuer <> '';
CREATE INDEX sso_identities_user ON sso_identities (user_id);

-- A link between an existing account and a provider's identity waiting for the account's owner to
-- follow the mailed link. Only a SHA-256 of the token is kept; single use, expiring.
-- Written only by app::sso::service::confirm.
CREATE TABLE sso_link_requests (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    email TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX sso_link_requests_user ON sso_link_requests (user_id);
