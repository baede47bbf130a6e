//! The addresses a region fetches a room's presentations by, when a meeting is created:
//! `/files/presentation/{region}/{id}/{expires}/{signature}/{name}`. The signature is an HMAC of the
//! region's secret over the presentation and the time it expires, so an address works for that
//! file, from that region's create, for a few minutes, and for nothing else.
use super::{PresentationRow, of_room};
use crate::bbb::modules::Document;
use crate::error::{AppError, AppResult, Step};
use crate::regions::service::{self as regions, RegionRecord};
use crate::rooms::service::store::RoomRow;
use crate::secrets;
use crate::state::AppState;
use bytes::Bytes;
use futures::stream::BoxStream;

/// How long an address works: the region fetches the documents as the meeting is created.
pub const WINDOW: i64 = 15 * 60;

fn signature(region: &RegionRecord, id: i64, expires: i64) -> String {
    secrets::sign(&region.secret, &["presentation", &region.code, &id.to_string(), &expires.to_string()])
}

/// The room's presentations as `create` names them, the default marked current.
#[tracing::instrument(name = "rooms.presentations.documents", level = "error", skip_all)]
pub async fn documents(ctx: &AppState, room: &RoomRow, region: &RegionRecord) -> AppResult<Vec<Document>> {
    let expires = ctx.clock.now().plus(WINDOW).secs();
    let rows = of_room(ctx, room.id).await?;
    Ok(rows
        .into_iter()
        .map(|p| {
            let name = url::form_urlencoded::byte_serialize(p.name.as_bytes()).collect::<String>();
            let sig = signature(region, p.id, expires);
            Document {
                url: format!("{}/files/presentation/{}/{}/{expires}/{sig}/{name}", ctx.base_url, region.code, p.id),
                filename: p.name,
                current: p.is_default != 0,
            }
        })
        .collect())
}

/// What the address asks for.
pub struct Asked<'a> {
    pub region: &'a str,
    pub id: i64,
    pub expires: i64,
    pub signature: &'a str,
}

/// A presentation being sent: its row (name, type, size) and its bytes.
pub struct Sent {
    pub presentation: PresentationRow,
    pub size: u64,
    pub body: BoxStream<'static, std::io::Result<Bytes>>,
}

/// Opens the presentation an address names: `Forbidden` for a signature that does not hold,
/// `Refused` for one past its time, `NotFound` for a file since deleted.
#[tracing::instrument(name = "rooms.presentations.open", level = "error", skip_all)]
pub async fn open(ctx: &AppState, asked: Asked<'_>) -> AppResult<Sent> {
    let region = regions::get(&ctx.pool, &ctx.regions, asked.region).await?.ok_or(AppError::Forbidden)?;
    if !secrets::signed(
        &region.secret,
        &["presentation", &region.code, &asked.id.to_string(), &asked.expires.to_string()],
        asked.signature,
    ) {
        return Err(AppError::Forbidden);
    }
    if asked.expires <= ctx.clock.now().secs() {
        return Err(AppError::Refused(crate::error::Msg::new("room.presentation.expired")));
    }
    let sql = format!("SELECT {} FROM room_presentations WHERE id = $1", super::COLUMNS);
    let presentation: PresentationRow = sqlx::query_as(&sql)
        .bind(asked.id)
        .fetch_optional(&ctx.pool)
        .await
        .step("read room_presentations")?
        .ok_or(AppError::NotFound)?;
    let (size, body) = ctx.files.read(&presentation.object_key).await?;
    Ok(Sent { presentation, size, body })
}
