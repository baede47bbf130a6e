-- Seats handed out in meetings with a participant limit, shared by every portal process: each join
-- link handed out, and the last participant count the region gave. Written only by
-- meetings::service::seats.
CREATE TABLE meeting_counts (
    room_id BIGINT PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
    create_time BIGINT NOT NULL,
    known BIGINT NOT NULL,
    counted_at BIGINT NOT NULL,
    answered BIGINT NOT NULL
);
CREATE TABLE meeting_seats (
    room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    create_time BIGINT NOT NULL,
    handed_at BIGINT NOT NULL
);
CREATE INDEX meeting_seats_room ON meeting_seats (room_id, create_time, handed_at);
