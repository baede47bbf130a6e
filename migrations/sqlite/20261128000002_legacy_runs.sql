-- Imports started from the admin page: where they are and what they found. The run goes on in the
-- background; the page reads its row. Written only by app::legacy.
CREATE TABLE legacy_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_by BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    dry_run BIGINT NOT NULL,
    region TEXT NOT NULL,
    total BIGINT NOT NULL DEFAULT 0,
    done BIGINT NOT NULL DEFAULT 0,
    report TEXT,
    error TEXT
);
