-- Issue 38: announcements shown on every page from their start to their end. Written only by
-- app::site::service::announcements.
CREATE TABLE announcements (
    id BIGSERIAL PRIMARY KEY,
    -- 'info' or 'warning'.
    kind TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX announcements_ends ON announcements (ends_at);

-- The text in each language it was written in; `position` 0 is the one shown when the reader's
-- language has none.
CREATE TABLE announcement_texts (
    announcement_id BIGINT NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    position BIGINT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (announcement_id, lang)
);
