//! The co-op's logo: uploaded by an admin, read as an image before it is kept, served with the
//! site. Its kind is read from its bytes, never its name, and only pictures a browser and a mail
//! client show safely are taken (PNG, JPEG, WebP, GIF; no SVG, which may carry a script).
use crate::error::{AppError, AppResult, Step};
use crate::site::model::identity::{LOGO_MOST_BYTES, LOGO_MOST_PIXELS};
use crate::state::AppState;
use bytes::Bytes;
use futures::stream::BoxStream;
use leptos::server_fn::codec::MultipartData;

const KINDS: &[&str] = &["image/png", "image/jpeg", "image/webp", "image/gif"];

fn refused(key: &str) -> AppError {
    AppError::field("file", key)
}

/// The MIME type of `bytes` when they are a picture of a kind taken, of a size that fits.
pub fn checked(bytes: &[u8]) -> AppResult<&'static str> {
    if bytes.is_empty() {
        return Err(refused("field.logo.empty"));
    }
    if bytes.len() > LOGO_MOST_BYTES {
        return Err(AppError::Invalid(crate::error::FieldErrors(vec![(
            "file".into(),
            crate::error::Msg::with("field.logo.too_large", "max", (LOGO_MOST_BYTES / 1024) as i64),
        )])));
    }
    let kind = infer::get(bytes).map(|k| k.mime_type()).unwrap_or_default();
    let Some(kind) = KINDS.iter().find(|k| **k == kind) else { return Err(refused("field.logo.kind")) };
    // The header is read as the image's: a file that only starts like a PNG is refused here.
    let size = imagesize::blob_size(bytes).map_err(|_| refused("field.logo.unreadable"))?;
    if size.width == 0 || size.height == 0 || size.width > LOGO_MOST_PIXELS || size.height > LOGO_MOST_PIXELS {
        return Err(AppError::Invalid(crate::error::FieldErrors(vec![(
            "file".into(),
            crate::error::Msg::with("field.logo.pixels", "max", LOGO_MOST_PIXELS as i64),
        )])));
    }
    Ok(kind)
}

/// Reads the form's `file` whole (a logo is small; more than the most is refused as it comes).
async fn read(data: MultipartData) -> AppResult<Vec<u8>> {
    let unreadable = || refused("field.logo.unreadable");
    let mut form = data.into_inner().ok_or_else(unreadable)?;
    while let Some(mut part) = form.next_field().await.map_err(|_| unreadable())? {
        if part.name() != Some("file") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = part.chunk().await.map_err(|_| unreadable())? {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > LOGO_MOST_BYTES {
                break;
            }
        }
        return Ok(bytes);
    }
    Err(refused("field.logo.empty"))
}

/// An admin's upload replaces the logo. The new file is stored first, then named in the row with
/// the next version (counted in SQL, so no two uploads share one, even after a removal); the old
/// file is removed after, so a page never points at a missing logo.
#[tracing::instrument(name = "site.logo.upload", level = "error", skip_all)]
pub async fn upload(ctx: &AppState, admin_id: i64, data: MultipartData) -> AppResult<()> {
    let bytes = read(data).await?;
    let kind = checked(&bytes)?;
    let key = format!("site/logo-{}", unique());
    let mut writer = ctx.files.writer(&key).await?;
    if let Err(e) = writer.write(Bytes::from(bytes)).await {
        writer.abort().await;
        return Err(e);
    }
    writer.finish().await?;
    let saved = name_in_row(ctx, admin_id, Some((&key, kind))).await;
    if saved.is_err() {
        remove_file(ctx, &key).await;
    }
    if let Some(old) = saved? {
        remove_file(ctx, &old).await;
    }
    Ok(())
}

/// Puts `logo` (its key and type; `None` removes it) in the row, in one transaction; the key it
/// replaced. A new logo gets the next version.
async fn name_in_row(ctx: &AppState, admin_id: i64, logo: Option<(&str, &str)>) -> AppResult<Option<String>> {
    let now = ctx.clock.now().secs();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let old: Option<Option<String>> = sqlx::query_scalar("SELECT logo_key FROM site_identity WHERE id = 1")
        .fetch_optional(&mut *tx)
        .await
        .step("read the logo's key")?;
    sqlx::query(
        "INSERT INTO site_identity (id, name, logo_key, logo_type, logo_version, updated_by, updated_at)
         VALUES (1, $1, $2, $3, 1, $4, $5)
         ON CONFLICT (id) DO UPDATE SET logo_key = $2, logo_type = $3,
             logo_version = site_identity.logo_version + $6, updated_by = $4, updated_at = $5",
    )
    .bind(crate::ui::brand::DEFAULT_NAME)
    .bind(logo.map(|(key, _)| key))
    .bind(logo.map(|(_, kind)| kind))
    .bind(admin_id)
    .bind(now)
    .bind(i64::from(logo.is_some()))
    .execute(&mut *tx)
    .await
    .step("save the logo in site_identity")?;
    tx.commit().await?;
    ctx.identity.clear();
    Ok(old.flatten())
}

/// Removes a stored file the row no longer names. The change is made already: a file left behind
/// is logged, not answered as a failure.
async fn remove_file(ctx: &AppState, key: &str) {
    if let Err(e) = ctx.files.delete(key).await {
        tracing::warn!(error = ?e, key, "a replaced logo's file could not be removed");
    }
}

/// A key no other upload takes, even one racing this one in another process.
fn unique() -> String {
    use rand::Rng;
    hex::encode(rand::thread_rng().r#gen::<[u8; 16]>())
}

/// An admin removes the logo; the header shows the name alone.
pub async fn remove(ctx: &AppState, admin_id: i64) -> AppResult<()> {
    if let Some(old) = name_in_row(ctx, admin_id, None).await? {
        remove_file(ctx, &old).await;
    }
    Ok(())
}

/// The logo's MIME type, version and bytes, for `/site/logo`.
pub async fn open(ctx: &AppState) -> AppResult<(String, i64, BoxStream<'static, std::io::Result<Bytes>>)> {
    let kept = super::current(ctx).await?;
    let (Some((key, kind)), Some(version)) = (&kept.logo, kept.identity.logo) else { return Err(AppError::NotFound) };
    let (_, body) = ctx.files.read(key).await?;
    Ok((kind.clone(), version, body))
}
