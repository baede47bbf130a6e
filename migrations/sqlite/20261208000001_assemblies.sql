-- Issue 36: assemblies, members' meetings held on a booking. Written only by
-- app::assemblies::service::store, except the booking's mark (app::schedule::service::store):
-- while a members' meeting is open, only its page lets people in.
ALTER TABLE bookings ADD COLUMN members_meeting INTEGER NOT NULL DEFAULT 0;

CREATE TABLE assemblies (
    booking_id BIGINT PRIMARY KEY REFERENCES bookings (id) ON DELETE CASCADE,
    -- Who votes: 'standing', 'active' or 'tiers' (then `tiers` holds the tier ids, comma-separated).
    voters TEXT NOT NULL,
    tiers TEXT NOT NULL DEFAULT '',
    observers INTEGER NOT NULL DEFAULT 1,
    -- The quorum: a number of voting members, or (percent = 1) a share of those entitled at the opening.
    quorum BIGINT NOT NULL,
    percent INTEGER NOT NULL DEFAULT 0,
    notice_days BIGINT NOT NULL,
    keep_days BIGINT NOT NULL,
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Set when the meeting was first seen running: how many were entitled, and how many make the quorum.
    opened_at BIGINT,
    entitled BIGINT NOT NULL DEFAULT 0,
    needed BIGINT NOT NULL DEFAULT 0,
    -- Whether the quorum holds now (each change is in assembly_quorum), and the region's last answer.
    reached INTEGER NOT NULL DEFAULT 0,
    polled_at BIGINT
);

-- Who was entitled to vote when the meeting opened.
CREATE TABLE assembly_voters (
    booking_id BIGINT NOT NULL REFERENCES assemblies (booking_id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL,
    PRIMARY KEY (booking_id, user_id)
);

-- Everyone who took part: a voting member or an observer, known to BBB by `tag` (its userID).
CREATE TABLE assembly_attendees (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    booking_id BIGINT NOT NULL REFERENCES assemblies (booking_id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    user_id BIGINT,
    name TEXT NOT NULL,
    voting INTEGER NOT NULL,
    consented_at BIGINT NOT NULL,
    UNIQUE (booking_id, tag)
);

-- When each attendee was present; an open interval has no end. One open interval at a time.
-- `listed` is set once BBB's attendee list showed them in it: from then on, missing from the list
-- means they left; until then, they are on their way from the join (for a short while).
CREATE TABLE assembly_presence (
    attendee_id BIGINT NOT NULL REFERENCES assembly_attendees (id) ON DELETE CASCADE,
    from_at BIGINT NOT NULL,
    to_at BIGINT,
    listed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (attendee_id, from_at)
);
CREATE UNIQUE INDEX assembly_presence_open ON assembly_presence (attendee_id) WHERE to_at IS NULL;

-- Each time the quorum was reached or lost, with the voting members present then.
CREATE TABLE assembly_quorum (
    booking_id BIGINT NOT NULL REFERENCES assemblies (booking_id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    reached INTEGER NOT NULL,
    present BIGINT NOT NULL
);
CREATE INDEX assembly_quorum_booking ON assembly_quorum (booking_id, at);

-- Who was told of the assembly, and when: the notice (`notice_days` ahead) and the reminder (the
-- day before), each once per member.
CREATE TABLE assembly_notices (
    booking_id BIGINT NOT NULL REFERENCES assemblies (booking_id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (booking_id, user_id, kind)
);
