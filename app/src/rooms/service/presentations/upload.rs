//! An upload, streamed from the form to the file store. The room is checked before the file is
//! read (its field comes first in the form); the file's kind is read from its first bytes, never
//! its name; its size is counted as it comes, and a file over the limit is cut off and removed.
//! Memory holds at most the store's parts in flight, whatever the file's size.
use super::{PresentationRow, of_room};
use crate::accounts::service::User;
use crate::error::{AppError, AppResult, Msg, Step};
use crate::rooms::model::{PRESENTATION_MOST_BYTES, PRESENTATIONS_MOST, extension_of, presentation_name};
use crate::rooms::service::store::{self, RoomRow};
use crate::state::AppState;
use bytes::Bytes;
use leptos::server_fn::codec::MultipartData;

/// Enough of a file to tell its kind (an office document's parts are named near its start).
const SNIFF: usize = 64 * 1024;

fn too_many() -> AppError {
    AppError::Invalid(crate::error::FieldErrors(vec![(
        "file".into(),
        Msg::with("field.presentation.too_many", "max", PRESENTATIONS_MOST),
    )]))
}

fn field(key: &str) -> AppError {
    AppError::field("file", key)
}

fn too_large() -> AppError {
    AppError::Invalid(crate::error::FieldErrors(vec![(
        "file".into(),
        Msg::with("field.presentation.too_large", "max", (PRESENTATION_MOST_BYTES / (1024 * 1024)) as i64),
    )]))
}

/// Takes the uploaded form (`slug`, then `file`); returns the room's slug.
#[tracing::instrument(name = "rooms.presentations.upload", level = "error", skip_all)]
pub async fn upload(ctx: &AppState, user: &User, data: MultipartData) -> AppResult<String> {
    let unreadable = || field("field.presentation.unreadable");
    let mut form = data.into_inner().ok_or_else(unreadable)?;
    let read = async {
        let mut room: Option<RoomRow> = None;
        while let Some(mut part) = form.next_field().await.map_err(|_| unreadable())? {
            let name = part.name().unwrap_or_default().to_string();
            match name.as_str() {
                "slug" => {
                    let slug = part.text().await.map_err(|_| unreadable())?;
                    room = Some(store::managed(&ctx.pool, &slug, user).await?.0);
                }
                "file" => {
                    // The room is named before the file: no byte is read for a room the caller may not change.
                    let room = room.ok_or(AppError::Forbidden)?;
                    if of_room(ctx, room.id).await?.len() as i64 >= PRESENTATIONS_MOST {
                        return Err(too_many());
                    }
                    let uploaded = part.file_name().unwrap_or_default().to_string();
                    let mut head = Vec::with_capacity(SNIFF);
                    while head.len() < SNIFF {
                        match part.chunk().await.map_err(|_| unreadable())? {
                            Some(chunk) => head.extend_from_slice(&chunk),
                            None => break,
                        }
                    }
                    if head.is_empty() {
                        return Err(field("field.presentation.empty"));
                    }
                    if head.len() as u64 > PRESENTATION_MOST_BYTES {
                        return Err(too_large());
                    }
                    let kind = infer::get(&head).map(|k| k.mime_type()).unwrap_or_default();
                    let Some(extension) = extension_of(kind) else { return Err(field("field.presentation.kind")) };
                    let key = format!("presentations/{}/{}", room.id, store::new_meeting_id());
                    let mut writer = ctx.files.writer(&key).await?;
                    let mut size = head.len() as u64;
                    let mut failed = writer.write(Bytes::from(head)).await.err();
                    while failed.is_none() {
                        match part.chunk().await {
                            Ok(Some(chunk)) => {
                                size += chunk.len() as u64;
                                failed = if size > PRESENTATION_MOST_BYTES {
                                    Some(too_large())
                                } else {
                                    writer.write(chunk).await.err()
                                };
                            }
                            Ok(None) => break,
                            Err(_) => failed = Some(unreadable()),
                        }
                    }
                    if let Some(e) = failed {
                        writer.abort().await;
                        return Err(e);
                    }
                    writer.finish().await?;
                    let row = PresentationRow {
                        id: 0,
                        room_id: room.id,
                        name: presentation_name(&uploaded, extension),
                        content_type: kind.to_string(),
                        size: size as i64,
                        position: 0,
                        is_default: 0,
                        object_key: key,
                    };
                    keep(ctx, &row).await?;
                    return Ok(room.slug);
                }
                _ => {}
            }
        }
        Err(field("field.presentation.missing"))
    };
    let result = read.await;
    if result.is_err() {
        // A refusal is answered once the rest of the form is read and dropped: a server that
        // answers mid-upload closes the connection, and the member sees a network error instead of
        // the message next to the field. Bounded, so a refusal never reads an endless body.
        let mut left = 2 * PRESENTATION_MOST_BYTES;
        while let Ok(Some(mut part)) = form.next_field().await {
            while let Ok(Some(chunk)) = part.chunk().await {
                left = left.saturating_sub(chunk.len() as u64);
                if left == 0 {
                    return result;
                }
            }
        }
    }
    result
}

/// Adds the stored file's row, last in the order (the default when it is the first), while the
/// room has fewer than the most; a row that cannot be written takes its file with it. The room's
/// row is held first, so two uploads at once are counted one after the other (the count before
/// the upload only spares a member a long upload that would be refused).
async fn keep(ctx: &AppState, p: &PresentationRow) -> AppResult<()> {
    let kept = insert(ctx, p).await;
    if !matches!(kept, Ok(true)) {
        ctx.files.delete(&p.object_key).await?;
    }
    match kept? {
        true => Ok(()),
        false => Err(too_many()),
    }
}

/// Whether the row went in (false: the room has the most already).
async fn insert(ctx: &AppState, p: &PresentationRow) -> AppResult<bool> {
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let hold = format!("SELECT id FROM rooms WHERE id = $1{}", crate::db::for_update(&ctx.pool));
    sqlx::query(&hold).bind(p.room_id).fetch_optional(&mut *tx).await.step("read rooms")?;
    let inserted = sqlx::query(
        "INSERT INTO room_presentations (room_id, name, content_type, size, position, is_default, object_key, created_at)
         SELECT $1, $2, $3, $4, COALESCE(MAX(position), -1) + 1, CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END, $5, $6
         FROM room_presentations WHERE room_id = $1 HAVING COUNT(*) < $7",
    )
    .bind(p.room_id)
    .bind(&p.name)
    .bind(&p.content_type)
    .bind(p.size)
    .bind(&p.object_key)
    .bind(ctx.clock.now().secs())
    .bind(PRESENTATIONS_MOST)
    .execute(&mut *tx)
    .await
    .step("insert into room_presentations")?;
    tx.commit().await?;
    Ok(inserted.rows_affected() == 1)
}
