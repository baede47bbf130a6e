//! Recordings live on the room's region; the portal lists and changes them there.
pub mod cache;
pub mod index;
pub mod mine;
pub mod overview;
pub mod playback;
pub mod ready;
pub mod retention;
pub mod shared;
pub mod sight;
pub mod totals;

use crate::accounts::service::User;
use crate::bbb::xml::Recording;
use crate::error::{AppError, AppResult, bbb_message};
use crate::recordings::model::{
    FormatView, ManagedRecording, PER_PAGE, RecordingView, RoomRecordings, Visibility, file_of, format_rank, plain,
};
use crate::regions::service as regions;
use crate::rooms::service::meeting_state::region_of;
use crate::rooms::service::store::{self, RoomRow};
use crate::state::AppState;

/// A recording of `room` as its pages show it. Its links are the portal's playback route, never the
/// region's own: the portal checks each viewer before sending them on. A recording without a
/// visibility of its own has the room's default.
pub(super) fn view(r: &Recording, room: &RoomRow, reader: &crate::time_display::Reader) -> RecordingView {
    let slug = &room.slug;
    let playable = |f: &&crate::bbb::xml::Format| is_web_address(&f.url) && plain(&f.kind) && plain(&r.record_id);
    let link = |kind: &str| format!("/r/{slug}/recordings/{}/{kind}", r.record_id);
    let mut formats: Vec<FormatView> = r
        .playback
        .format
        .iter()
        .filter(playable)
        .map(|f| FormatView {
            kind: f.kind.clone(),
            url: link(&f.kind),
            minutes: f.length,
            size: f.bytes(),
            // A protected recording's file sits behind the player's one-time cookie: no download.
            download: (file_of(&f.kind).is_some() && r.protected != Some(true)).then(|| link(&f.kind) + "/file"),
        })
        .collect();
    formats.sort_by(|a, b| (format_rank(&a.kind), &a.kind).cmp(&(format_rank(&b.kind), &b.kind)));
    let main = formats.iter().find(|f| f.kind == "presentation").or(formats.first());
    RecordingView {
        record_id: r.record_id.clone(),
        name: r.metadata.get("name").cloned().filter(|n| !n.is_empty()).unwrap_or_else(|| r.name.clone()),
        published: r.published,
        visibility: visibility_of(r, room),
        start_time: r.start_time,
        when: crate::time_display::local(crate::clock::Timestamp::from_secs(r.start_time.div_euclid(1000)), reader),
        length: reader.lang.fmt("recording.minutes", &[("minutes", main.map_or(0, |f| f.minutes).into())]),
        minutes: main.map_or(0, |f| f.minutes),
        participants: r.participants,
        playback_url: main.map(|f| f.url.clone()),
        size: r.bytes(),
        description: r.metadata.get("description").cloned().unwrap_or_default(),
        protected: r.protected.is_some(),
        formats,
    }
}

/// The recording's visibility as its metadata says, else the room's default for its recordings.
pub(super) fn visibility_of(r: &Recording, room: &RoomRow) -> Visibility {
    r.metadata.get("visibility").and_then(|v| Visibility::parse(v)).unwrap_or_else(|| room.recordings_default())
}

fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// One page (from 1; past the last is the last) of the room's recordings the viewer may watch
/// ([`sight::Sight`]): all for those who manage it; for everyone else the published ones their
/// visibility opens to them. The list comes from the shared cache; only the page's recordings are
/// made into views.
#[tracing::instrument(name = "recordings.list", level = "error", skip_all)]
pub async fn list(
    ctx: &AppState,
    user: Option<&User>,
    slug: &str,
    code: &str,
    address: &str,
    page: usize,
) -> AppResult<RoomRecordings> {
    let room = ctx.rooms.room(&ctx.pool, slug).await?;
    let sight = sight::of(ctx, &room, user, code, address).await?;
    let region = region_of(&ctx.pool, &ctx.regions, &room).await?;
    let found = ctx.recordings.get(ctx, &room, &region).await?;
    let reader = crate::accounts::service::users::reader_of(user);
    let mut seen: Vec<&Recording> =
        found.iter().filter(|r| sight.may_watch(visibility_of(r, &room), r.published)).collect();
    seen.sort_by_key(|r| std::cmp::Reverse(r.start_time));
    let pages = seen.len().div_ceil(PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let recordings = seen
        .iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .map(|r| {
            let mut view = view(r, &room, &reader);
            view.formats.retain(|f| sight.may_open_format(&f.kind));
            view
        })
        .collect();
    Ok(RoomRecordings { recordings, total: seen.len(), page, pages, code_opens_more: sight.code_would_open })
}

/// One recording of a room the member manages, for its own page, with where it stands with the
/// retention rule; another room's is not found.
#[tracing::instrument(name = "recordings.one", level = "error", skip_all)]
pub async fn one(ctx: &AppState, user: &User, slug: &str, record_id: &str) -> AppResult<ManagedRecording> {
    let (room, ours) = managed_recording(ctx, user, slug, record_id).await?;
    let reader = crate::accounts::service::users::reader_of(Some(user));
    let started = ours.start_time.div_euclid(1000);
    let retention = retention::standing(ctx, room.owner_id, record_id, started, &reader).await?;
    Ok(ManagedRecording { recording: view(&ours, &room, &reader), retention })
}

/// A room the member manages and its recording `record_id`, from the room's list.
async fn managed_recording(
    ctx: &AppState,
    user: &User,
    slug: &str,
    record_id: &str,
) -> AppResult<(RoomRow, Recording)> {
    let (room, _) = store::managed(&ctx.pool, slug, user).await?;
    let region = region_of(&ctx.pool, &ctx.regions, &room).await?;
    let found = ctx.recordings.get(ctx, &room, &region).await?;
    let ours = found.iter().find(|r| r.record_id == record_id).cloned().ok_or(AppError::NotFound)?;
    Ok((room, ours))
}

/// A room's manager keeps one of its recordings past the retention period, or lets it go again.
pub async fn keep(ctx: &AppState, user: &User, slug: &str, record_id: &str, keep: bool) -> AppResult<()> {
    let (room, _) = managed_recording(ctx, user, slug, record_id).await?;
    retention::keep(ctx, user, &room, record_id, keep).await
}

/// Deletes every recording of the room on its region (the room is going). A region the portal no
/// longer knows holds nothing it can reach.
#[tracing::instrument(name = "recordings.delete_all", level = "error", skip_all)]
pub async fn delete_all(ctx: &AppState, room: &RoomRow) -> AppResult<()> {
    let Some(region) = regions::get(&ctx.pool, &ctx.regions, &room.region_code).await? else { return Ok(()) };
    let endpoint = region.endpoint();
    let refused = |e: crate::bbb::error::BbbError| AppError::Refused(bbb_message(&e));
    let found = ctx.bbb.get_recordings(&endpoint, std::slice::from_ref(&room.meeting_id)).await.map_err(refused)?;
    let ids: Vec<String> = found.into_iter().map(|r| r.record_id).collect();
    if !ids.is_empty() {
        ctx.bbb.delete_recordings(&endpoint, &ids).await.map_err(refused)?;
    }
    Ok(())
}

/// The longest description a recording keeps (BBB keeps it as metadata, sent in the address).
pub const DESCRIPTION_MAX: usize = 500;

/// What a manager may do to one recording of their room.
#[derive(Debug, Clone)]
pub enum Change {
    Rename(String),
    Describe(String),
    Publish(bool),
    Visibility(Visibility),
    Delete,
}

/// One change to one recording; the room's cached list is forgotten whatever the region answers.
#[tracing::instrument(name = "recordings.change", level = "error", skip_all)]
pub async fn change(ctx: &AppState, user: &User, slug: &str, record_id: &str, change: Change) -> AppResult<()> {
    let (client, pool) = (&ctx.bbb, &ctx.pool);
    let (room, _) = store::managed(pool, slug, user).await?;
    let region = region_of(pool, &ctx.regions, &room).await?;
    let endpoint = region.endpoint();
    // The recording must be this room's: never act on another room's by its id.
    let found = client
        .get_recordings(&endpoint, std::slice::from_ref(&room.meeting_id))
        .await
        .map_err(|e| AppError::Refused(bbb_message(&e)))?;
    let Some(ours) = found.iter().find(|r| r.record_id == record_id) else {
        return Err(AppError::NotFound);
    };
    let ids = [record_id.to_string()];
    ctx.recordings.forget(ctx, &room.meeting_id).await?;
    let result = match change {
        Change::Rename(name) => {
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 200 {
                return Err(AppError::field("name", "field.recording_name.invalid"));
            }
            client.update_recordings(&endpoint, &ids, &[("name", name)]).await
        }
        Change::Describe(text) => {
            let text = text.trim();
            if text.chars().count() > DESCRIPTION_MAX {
                return Err(AppError::field("description", "field.recording_description.too_long"));
            }
            client.update_recordings(&endpoint, &ids, &[("description", text)]).await
        }
        Change::Publish(publish) => client.publish_recordings(&endpoint, &ids, publish).await,
        Change::Visibility(v) => {
            // A region that can protect links (it said `protected`) protects all but public ones.
            if ours.protected.is_some() {
                let protect = v != Visibility::Public;
                client
                    .protect_recording(&endpoint, record_id, protect)
                    .await
                    .map_err(|e| AppError::Refused(bbb_message(&e)))?;
            }
            client.update_recordings(&endpoint, &ids, &[("visibility", v.as_str())]).await
        }
        Change::Delete => {
            let deleted = client.delete_recordings(&endpoint, &ids).await;
            if deleted.is_ok() {
                index::remove(ctx, record_id).await?;
            }
            deleted
        }
    };
    result.map_err(|e| AppError::Refused(bbb_message(&e)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_web_addresses_are_playback_links() {
        assert!(super::is_web_address("https://bbb.example.coop/playback/presentation/2.3/abc"));
        assert!(super::is_web_address("HTTP://bbb.example.coop/x"));
        assert!(!super::is_web_address("javascript:alert(1)"));
        assert!(!super::is_web_address("data:text/html,<script>"));
    }
}
