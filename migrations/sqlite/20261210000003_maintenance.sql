-- Issue 38: planned maintenance of a region. Written only by app::regions::service::maintenance.
CREATE TABLE maintenance_windows (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    region_code TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX maintenance_windows_region ON maintenance_windows (region_code, starts_at);
CREATE INDEX maintenance_windows_ends ON maintenance_windows (ends_at);

-- Which booking's organiser was mailed about which window: the key makes it once, whichever
-- process's job gets there. Written only by app::schedule::service::maintenance.
CREATE TABLE maintenance_notices (
    window_id BIGINT NOT NULL,
    booking_id BIGINT NOT NULL,
    notified_at BIGINT NOT NULL,
    PRIMARY KEY (window_id, booking_id)
);
