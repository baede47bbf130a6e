//! Rooms' presentations in the legacy instance. Greenlight keeps only their names in its database
//! (ActiveStorage); the files are in its storage, a folder or a bucket this portal does not read.
//! Each is reported, with its room, for the room's owner to upload again in the room's settings.
use super::source::Legacy;
use crate::legacy::model::Report;
use std::collections::HashMap;

/// Notes every presentation of a room that is here (imported by this run or an earlier one):
/// `imported` maps legacy room ids to ours. A room left out has been reported already.
pub fn report(legacy: &Legacy, imported: &HashMap<String, i64>, report: &mut Report) {
    let names: HashMap<&str, &str> =
        legacy.rooms.iter().map(|r| (r.id.as_str(), r.name.as_deref().unwrap_or(r.id.as_str()))).collect();
    for p in &legacy.presentations {
        let Some(room) = names.get(p.room.as_str()).filter(|_| imported.contains_key(&p.room)) else { continue };
        let label = format!("{room}: {} ({} KiB)", p.filename, (p.bytes.max(0) as u64).div_ceil(1024));
        report.note("presentation", &p.room, &label, "skipped", "legacy.reason.presentation_file");
    }
}
