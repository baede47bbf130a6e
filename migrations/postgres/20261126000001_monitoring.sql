-- Central monitoring of the regions. Written only by app::monitoring.
-- Each region's judged state and the last thing its poll saw.
CREATE TABLE region_health (
    region_code TEXT PRIMARY KEY,
    state TEXT NOT NULL DEFAULT 'unknown',
    failures BIGINT NOT NULL DEFAULT 0,
    successes BIGINT NOT NULL DEFAULT 0,
    checked_at BIGINT NOT NULL DEFAULT 0,
    latency_ms BIGINT,
    version TEXT,
    load_known BIGINT NOT NULL DEFAULT 0,
    meetings BIGINT NOT NULL DEFAULT 0,
    participants BIGINT NOT NULL DEFAULT 0,
    moderators BIGINT NOT NULL DEFAULT 0,
    voice BIGINT NOT NULL DEFAULT 0,
    video BIGINT NOT NULL DEFAULT 0,
    recording_meetings BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    last_alert_at BIGINT NOT NULL DEFAULT 0
);
-- A region's time down: from the poll that judged it down to the one that judged it up again.
-- alerted: whether admins were told it went down (then they are told when it recovers).
CREATE TABLE region_incidents (
    id BIGSERIAL PRIMARY KEY,
    region_code TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    error TEXT NOT NULL,
    alerted BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX region_incidents_by_region ON region_incidents (region_code, started_at);
-- The polls, summed per minute (kept 48 hours) and per hour (kept 90 days).
CREATE TABLE region_samples (
    region_code TEXT NOT NULL,
    resolution TEXT NOT NULL,
    at BIGINT NOT NULL,
    checks BIGINT NOT NULL,
    up_checks BIGINT NOT NULL,
    latency_ms_sum BIGINT NOT NULL,
    meetings_max BIGINT NOT NULL,
    participants_max BIGINT NOT NULL,
    PRIMARY KEY (region_code, resolution, at)
);
