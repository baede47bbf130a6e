-- Issue 35: every recording of the co-op, as the regions last listed them, for the admins'
-- overview (sorted, filtered and summed without asking every region on each view). Filled by the
-- `recording_index` job, by every list the room page fetches, and by changes through the portal.
-- A room's rows go with the room. `started_at` and `seen_at` are seconds; `size` is bytes, NULL
-- where the region does not say.
CREATE TABLE recording_index (
    record_id TEXT PRIMARY KEY,
    room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    region_code TEXT NOT NULL,
    name TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    minutes BIGINT NOT NULL DEFAULT 0,
    participants BIGINT NOT NULL DEFAULT 0,
    size BIGINT,
    published BIGINT NOT NULL DEFAULT 1,
    visibility TEXT NOT NULL,
    seen_at BIGINT NOT NULL
);
-- The overview pages through one of these in order, and sums sizes from them alone (bench/recordings.sh).
CREATE INDEX recording_index_started ON recording_index (started_at);
CREATE INDEX recording_index_size ON recording_index (size);
CREATE INDEX recording_index_room ON recording_index (room_id, size);
CREATE INDEX recording_index_region ON recording_index (region_code, size);
CREATE INDEX recording_index_region_started ON recording_index (region_code, started_at);

-- When each room's recordings were last read into the index; 0 asks the job to read them again
-- (a recording-ready callback, a change made through the portal).
CREATE TABLE recording_index_rooms (
    room_id BIGINT PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
    indexed_at BIGINT NOT NULL DEFAULT 0
);
