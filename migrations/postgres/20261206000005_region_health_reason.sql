-- What the last poll's failure means in words for admins (a message key and its values, as JSON),
-- beside `last_error`, what the poll saw. Written only by app::monitoring; never shown publicly.
ALTER TABLE region_health ADD COLUMN last_reason TEXT;
