-- A rate limit's reservation may count for several units at once: a booking's invitations count
-- one per mail (`limits::Limit::reserve_weighted`). Earlier rows, and every other limit, count one.
ALTER TABLE auth_failures ADD COLUMN weight BIGINT NOT NULL DEFAULT 1;
