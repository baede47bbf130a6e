-- Who is asking BBB for a meeting's count, apart from when it last answered: a join during the
-- question must keep counting the links handed out before it (issue 39).
ALTER TABLE meeting_counts ADD COLUMN asked_at BIGINT NOT NULL DEFAULT 0;
