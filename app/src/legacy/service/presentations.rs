//! Rooms' presentations in the legacy instance. Greenlight keeps only their names in its database
//! (ActiveStorage); the files are in its storage, a folder or a bucket this portal does not read.
//! Each is reported, with its room, for the room's owner to upload again in the room's settings.
use super::source::Legacy;
use crate::legacy::model::Report;
use std::collections::HashMap;

/// Notes every presentation of a room the instance still has.
pub fn report(legacy: &Legacy, report: &mut Report) {
    let rooms: HashMap<&str, &str> = legacy
        .rooms
        .iter()
        .filter(|r| !r.deleted)
        .map(|r| (r.id.as_str(), r.name.as_deref().unwrap_or(r.id.as_str())))
        .collect();
    for p in &legacy.presentations {
        let Some(room) = rooms.get(p.room.as_str()) else { continue };
        let label = format!("{room}: {} ({} KiB)", p.filename, (p.bytes.max(0) as u64).div_ceil(1024));
        report.note("presentation", &p.room, &label, "skipped", "legacy.reason.presentation_file");
    }
}
