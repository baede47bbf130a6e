//! Every recording of the rooms a member owns or co-owns, across regions. Each region is asked once
//! for all of the member's rooms there (getRecordings takes many meeting ids), and a region that
//! does not answer is named while the others are still listed.
use super::view;
use crate::accounts::service::User;
use crate::error::AppResult;
use crate::recordings::model::{MyRecording, MyRecordings};
use crate::regions::service as regions;
use crate::rooms::service::store::RoomRow;
use std::collections::BTreeMap;

/// Meeting ids per getRecordings call, so the request line stays a few kilobytes long.
const IDS_PER_CALL: usize = 50;

#[tracing::instrument(name = "recordings.mine.list", level = "error", skip_all)]
pub async fn list(ctx: &crate::state::AppState, user: &User) -> AppResult<MyRecordings> {
    let (pool, client, configured) = (&ctx.pool, &ctx.bbb, &*ctx.regions);
    let reader = crate::accounts::service::users::reader(user);
    let rooms = crate::rooms::service::store::managed_by(pool, user.id).await?;
    let mut by_region: BTreeMap<String, Vec<RoomRow>> = BTreeMap::new();
    for room in rooms {
        by_region.entry(room.region_code.clone()).or_default().push(room);
    }
    let known = regions::all(pool, configured).await?;
    let mut out = MyRecordings::default();
    for (code, rooms) in by_region {
        let Some(region) = known.iter().find(|r| r.code == code) else {
            out.unavailable.push(code);
            continue;
        };
        for chunk in rooms.chunks(IDS_PER_CALL) {
            let ids: Vec<String> = chunk.iter().map(|r| r.meeting_id.clone()).collect();
            match client.get_recordings(&region.endpoint(), &ids).await {
                Ok(found) => out.recordings.extend(found.iter().filter_map(|r| {
                    let room = chunk.iter().find(|room| room.meeting_id == r.meeting_id)?;
                    Some(MyRecording {
                        room_slug: room.slug.clone(),
                        room_name: room.name.clone(),
                        recording: view(r, room, &reader),
                    })
                })),
                Err(e) => {
                    tracing::warn!(region = %code, error = %e, "recordings: region did not answer");
                    out.unavailable.push(region.name.clone());
                    break;
                }
            }
        }
    }
    out.recordings.sort_by_key(|r| std::cmp::Reverse(r.recording.start_time));
    Ok(out)
}
