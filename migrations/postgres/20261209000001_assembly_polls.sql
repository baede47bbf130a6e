-- Issue 36: what BBB's learning analytics tell of an assembly (its polls, with each answer's
-- count), and the members an admin allows to call assemblies. Written only by
-- app::assemblies::service::store.

-- One poll of the assembly's meeting. `results` is JSON: [[answer, votes], ...] in the poll's order.
-- A callback sent twice keeps the first (the primary key).
CREATE TABLE assembly_polls (
    booking_id BIGINT NOT NULL REFERENCES assemblies (booking_id) ON DELETE CASCADE,
    poll_id TEXT NOT NULL,
    position BIGINT NOT NULL,
    question TEXT NOT NULL,
    started_at BIGINT,
    published BIGINT NOT NULL,
    results TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (booking_id, poll_id)
);

-- Members who may call an assembly on their own bookings, and the admin who allowed it.
CREATE TABLE assembly_callers (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    granted_by BIGINT NOT NULL,
    granted_at BIGINT NOT NULL
);
