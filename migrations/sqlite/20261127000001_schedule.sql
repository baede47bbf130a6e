-- Bookings: meetings and events booked ahead. Each reserves its expected participants on its
-- region from 15 minutes before its start (`reserve_from`) to its end. A weekly series is one row
-- per occurrence sharing the series' iCalendar `uid`; `original_start` is an occurrence's place in
-- the series (its RECURRENCE-ID), kept when it is moved. Written only by app::schedule.
CREATE TABLE bookings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL,
    room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    region_code TEXT NOT NULL,
    owner_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    reserve_from BIGINT NOT NULL,
    participants BIGINT NOT NULL,
    state TEXT NOT NULL,
    every_weeks BIGINT NOT NULL DEFAULT 0,
    original_start BIGINT,
    sequence BIGINT NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX bookings_reserved ON bookings (region_code, reserve_from);
CREATE INDEX bookings_uid ON bookings (uid);
CREATE INDEX bookings_room ON bookings (room_id, starts_at);
CREATE INDEX bookings_owner ON bookings (owner_id, starts_at);
CREATE INDEX bookings_starts ON bookings (starts_at);

-- Who is invited to a booking (a series shares its invitees).
CREATE TABLE booking_invitees (
    uid TEXT NOT NULL,
    email TEXT NOT NULL,
    PRIMARY KEY (uid, email)
);
CREATE INDEX booking_invitees_email ON booking_invitees (email);

-- One row per region, updated first in every booking transaction: bookers of one region take
-- turns (a row lock on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers).
CREATE TABLE booking_locks (
    region_code TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);

-- What was sent about a booking, once each: a reminder to a recipient, a provisioning call.
CREATE TABLE booking_sends (
    booking_id BIGINT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    queued_at BIGINT NOT NULL,
    PRIMARY KEY (booking_id, kind, recipient)
);

-- A member's private calendar feed and reminder preference.
CREATE TABLE schedule_members (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    feed_token TEXT UNIQUE,
    remind_minutes BIGINT NOT NULL DEFAULT 30
);

-- The share of a region's capacity that bookings may reserve.
ALTER TABLE regions ADD COLUMN bookable_percent BIGINT NOT NULL DEFAULT 80;
-- Where the room's meeting runs now, when a booking placed it on another region than the room's.
ALTER TABLE rooms ADD COLUMN meeting_region TEXT;
-- Invitations carry an iCalendar file.
ALTER TABLE mail_outbox ADD COLUMN attachment_name TEXT;
ALTER TABLE mail_outbox ADD COLUMN attachment_type TEXT;
ALTER TABLE mail_outbox ADD COLUMN attachment_body TEXT;
-- A hook's calls are signed with its secret and named, so a booking can show its own.
ALTER TABLE webhook_outbox ADD COLUMN topic TEXT;
ALTER TABLE webhook_outbox ADD COLUMN signed BIGINT NOT NULL DEFAULT 0;
CREATE INDEX webhook_outbox_topic ON webhook_outbox (topic);
