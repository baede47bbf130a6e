//! Recordings live on the room's region; the portal lists and changes them there.
use super::model::{RecordingView, Visibility};
use crate::accounts::service::User;
use crate::bbb::client::Client;
use crate::bbb::xml::Recording;
use crate::db::Pool;
use crate::error::{AppError, AppResult, Msg, bbb_message};
use crate::regions::service::{self as regions, RegionRecord};
use crate::rooms::service::store::{self, RoomRow};

pub(super) fn view(r: &Recording) -> RecordingView {
    let format = r.playback.format.iter().find(|f| f.kind == "presentation").or(r.playback.format.first());
    RecordingView {
        record_id: r.record_id.clone(),
        name: r.metadata.get("name").cloned().filter(|n| !n.is_empty()).unwrap_or_else(|| r.name.clone()),
        published: r.published,
        visibility: r.metadata.get("visibility").and_then(|v| Visibility::parse(v)).unwrap_or_default(),
        start_time: r.start_time,
        minutes: format.map_or(0, |f| f.length),
        participants: r.participants,
        playback_url: format.map(|f| f.url.clone()),
    }
}

async fn region_of(pool: &Pool, configured: &[RegionRecord], room: &RoomRow) -> AppResult<RegionRecord> {
    regions::get(pool, configured, &room.region_code)
        .await?
        .ok_or_else(|| AppError::Refused(Msg::new("meeting.region_unavailable")))
}

/// The room's recordings the viewer may see: all for owners and co-owners, published public ones
/// for everyone else.
pub async fn list(
    pool: &Pool,
    client: &Client,
    configured: &[RegionRecord],
    user: Option<&User>,
    slug: &str,
) -> AppResult<Vec<RecordingView>> {
    let room = store::by_slug(pool, slug).await?;
    let manages = store::access(pool, &room, user).await?.manages();
    let region = region_of(pool, configured, &room).await?;
    let found = client
        .get_recordings(&region.endpoint(), std::slice::from_ref(&room.meeting_id))
        .await
        .map_err(|e| AppError::Refused(bbb_message(&e)))?;
    let mut views: Vec<RecordingView> =
        found.iter().map(view).filter(|r| manages || (r.published && r.visibility == Visibility::Public)).collect();
    views.sort_by_key(|r| std::cmp::Reverse(r.start_time));
    Ok(views)
}

/// What a manager may do to one recording of their room.
#[derive(Debug, Clone)]
pub enum Change {
    Rename(String),
    Publish(bool),
    Visibility(Visibility),
    Delete,
}

pub async fn change(
    pool: &Pool,
    client: &Client,
    configured: &[RegionRecord],
    user: &User,
    slug: &str,
    record_id: &str,
    change: Change,
) -> AppResult<()> {
    let (room, _) = store::managed(pool, slug, user).await?;
    let region = region_of(pool, configured, &room).await?;
    let endpoint = region.endpoint();
    // The recording must be this room's: never act on another room's by its id.
    let ours = client
        .get_recordings(&endpoint, std::slice::from_ref(&room.meeting_id))
        .await
        .map_err(|e| AppError::Refused(bbb_message(&e)))?
        .iter()
        .any(|r| r.record_id == record_id);
    if !ours {
        return Err(AppError::NotFound);
    }
    let ids = [record_id.to_string()];
    let result = match change {
        Change::Rename(name) => {
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 200 {
                return Err(AppError::field("name", "field.recording_name.invalid"));
            }
            client.update_recordings(&endpoint, &ids, &[("name", name)]).await
        }
        Change::Publish(publish) => client.publish_recordings(&endpoint, &ids, publish).await,
        Change::Visibility(v) => client.update_recordings(&endpoint, &ids, &[("visibility", v.as_str())]).await,
        Change::Delete => client.delete_recordings(&endpoint, &ids).await,
    };
    result.map_err(|e| AppError::Refused(bbb_message(&e)))
}
