-- Issue 34: room types. An admin's preset for rooms: defaults for the room settings (a JSON object
-- of the settings), the ones members may not change (`pinned`, a JSON array of field names), the
-- regions allowed (`regions`, a JSON array of codes; empty: every region), the largest meeting and
-- the longest one in minutes (0: no limit of the type's own).
CREATE TABLE room_types (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    defaults TEXT NOT NULL,
    pinned TEXT NOT NULL,
    regions TEXT NOT NULL,
    largest BIGINT NOT NULL DEFAULT 0,
    longest BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

-- A room's type, picked at creation (none for rooms made before types, or imported).
ALTER TABLE rooms ADD COLUMN type_id BIGINT REFERENCES room_types (id) ON DELETE SET NULL;
CREATE INDEX rooms_type ON rooms (type_id);
