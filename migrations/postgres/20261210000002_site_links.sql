-- Issue 38: the co-op's legal and help links, each an address or a short page its admins write,
-- shown in every page's footer and in mail. Written only by app::site::service::identity::links.
CREATE TABLE site_links (
    -- 'imprint', 'terms', 'privacy', 'accessibility' or 'help'.
    kind TEXT PRIMARY KEY,
    address TEXT,
    body TEXT,
    -- The time of the last change (it only grows): a member accepts the terms of one version.
    version BIGINT NOT NULL,
    updated_by BIGINT,
    updated_at BIGINT NOT NULL
);
-- Whether a new member accepts the terms at sign-up.
ALTER TABLE site_identity ADD COLUMN terms_required BIGINT NOT NULL DEFAULT 0;
-- The version of the terms a member accepted at sign-up, and when (written by the accounts feature).
ALTER TABLE users ADD COLUMN terms_version BIGINT;
ALTER TABLE users ADD COLUMN terms_accepted_at BIGINT;
-- The recipient's language, so the links under a mail are labelled in it when it is sent.
ALTER TABLE mail_outbox ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
