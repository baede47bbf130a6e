-- Issue 36: each room's meetings, and the members who asked to be listed as attending one.
-- meeting_runs is written only by app::rooms::service::history, meeting_attendees only by
-- app::meetings::service::attendance.

-- One meeting of a room: BBB's create time tells runs apart; the peak is the poll's highest count.
CREATE TABLE meeting_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    create_time BIGINT NOT NULL,
    region_code TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    peak BIGINT NOT NULL DEFAULT 0,
    UNIQUE (room_id, create_time)
);
CREATE INDEX meeting_runs_room ON meeting_runs (room_id, started_at);

-- A member who joined a meeting through the portal and ticked "list me", with their first join.
CREATE TABLE meeting_attendees (
    run_id BIGINT NOT NULL REFERENCES meeting_runs (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (run_id, user_id)
);
