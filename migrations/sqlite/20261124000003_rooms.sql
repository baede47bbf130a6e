-- A room: a stable BBB meeting id (recordings hang on it) behind a friendly link.
CREATE TABLE rooms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    meeting_id TEXT NOT NULL UNIQUE,
    region_code TEXT NOT NULL,
    viewer_code TEXT NOT NULL DEFAULT '',
    moderator_code TEXT NOT NULL DEFAULT '',
    waiting_room BIGINT NOT NULL DEFAULT 0,
    mute_on_join BIGINT NOT NULL DEFAULT 0,
    anyone_can_start BIGINT NOT NULL DEFAULT 0,
    all_moderators BIGINT NOT NULL DEFAULT 0,
    require_sign_in BIGINT NOT NULL DEFAULT 0,
    recording BIGINT NOT NULL DEFAULT 0,
    max_participants BIGINT NOT NULL DEFAULT 0,
    welcome TEXT NOT NULL DEFAULT '',
    running BIGINT NOT NULL DEFAULT 0,
    participants BIGINT NOT NULL DEFAULT 0,
    create_time BIGINT,
    checked_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX rooms_owner ON rooms (owner_id);

CREATE TABLE room_shares (
    room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (room_id, user_id)
);
CREATE INDEX room_shares_user ON room_shares (user_id);
