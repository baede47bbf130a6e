-- Issue 38: the co-op's identity, one row (id 1) once its admins set it; until then the portal
-- calls itself by its default name. Written only by app::site::service::identity.
CREATE TABLE site_identity (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    -- '#rrggbb', checked for contrast when saved; NULL keeps the stylesheet's colour.
    accent TEXT,
    welcome TEXT,
    -- The logo in the file store: its key, its checked MIME type, and a version bumped by each
    -- upload (the logo's address carries it, so browsers fetch a new one at once).
    logo_key TEXT,
    logo_type TEXT,
    logo_version BIGINT NOT NULL DEFAULT 0,
    updated_by BIGINT,
    updated_at BIGINT NOT NULL
);
