-- Issue 35: who watches a room's new recordings until their owner says otherwise (`public`,
-- `members`, `room`, `private`). A new room takes the site's default (`recording_visibility` in the
-- configuration) or its type's; rooms made before the choice keep `room`, what their recordings
-- already read as.
ALTER TABLE rooms ADD COLUMN recording_visibility TEXT NOT NULL DEFAULT 'room';
