-- Issue 34: lock settings, recording that starts with the meeting, and the lobby's three choices
-- (`waiting_room`: 0 off, 1 everyone, 2 guests only; rooms that had it on keep 1).
ALTER TABLE rooms ADD COLUMN auto_start_recording BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN lock_webcams BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN lock_microphones BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN lock_private_chat BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN lock_public_chat BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN lock_notes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN lock_user_list BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN lock_webcams_for_moderators BIGINT NOT NULL DEFAULT 0;

-- Who confirmed, on a recorded room's join form, that they know it records; and when.
CREATE TABLE recording_consents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX recording_consents_room ON recording_consents (room_id, created_at);

-- A share's role: participant, moderator or co_owner (what every share meant before).
ALTER TABLE room_shares ADD COLUMN role TEXT NOT NULL DEFAULT 'co_owner';

-- Named guest links: whoever holds one joins under its name and role, without the code, until it
-- expires, is revoked or is used up. `secret` is compared in constant time after a lookup by id.
CREATE TABLE room_guest_links (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    moderator BIGINT NOT NULL DEFAULT 0,
    secret TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    max_uses BIGINT,
    uses BIGINT NOT NULL DEFAULT 0,
    revoked_at BIGINT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX room_guest_links_room ON room_guest_links (room_id);

-- Each use of a guest link: when, and from where.
CREATE TABLE room_guest_link_uses (
    link_id BIGINT NOT NULL REFERENCES room_guest_links (id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX room_guest_link_uses_link ON room_guest_link_uses (link_id, created_at);

-- Presentations uploaded to a room, kept in the file store under `object_key`; shown in `position`
-- order, the default first when a meeting starts.
CREATE TABLE room_presentations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    position BIGINT NOT NULL,
    is_default BIGINT NOT NULL DEFAULT 0,
    object_key TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
CREATE INDEX room_presentations_room ON room_presentations (room_id, position);
