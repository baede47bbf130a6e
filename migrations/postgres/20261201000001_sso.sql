-- OpenID Connect providers added on the admin page (those in the configuration file are not
-- stored). The client secret never leaves the server. Written only by app::sso::service::providers.
CREATE TABLE sso_providers (
    slug TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
-- Which member a provider's subject signs in as: one member per (provider, subject), and a member
-- has at most one identity per provider. Written only by app::sso::service::identities.
CREATE TABLE sso_identities (
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    linked_at BIGINT NOT NULL,
    PRIMARY KEY (provider, subject),
    UNIQUE (provider, user_id)
);
CREATE INDEX sso_identities_user ON sso_identities (user_id);
