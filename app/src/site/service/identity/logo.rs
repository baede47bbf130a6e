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

/// An admin's upload replaces the logo. The new file is stored first, then named in the row; the
/// old one is removed after, so a page never points at a missing logo.
#[tracing::instrument(name = "site.logo.upload", level = "error", skip_all)]
pub async fn upload(ctx: &AppState, admin_id: i64, data: MultipartData) -> AppResult<()> {
    let bytes = read(data).await?;
    let kind = checked(&bytes)?;
    let before = super::current(ctx).await?;
    let version = before.identity.logo.unwrap_or(0) + 1;
    let key = format!("site/logo-{version}-{}", unique());
    let mut writer = ctx.files.writer(&key).await?;
    if let Err(e) = writer.write(Bytes::from(bytes)).await {
        writer.abort().await;
        return Err(e);
    }
    writer.finish().await?;
    let saved = sqlx::query(
        "INSERT INTO site_identity (id, name, logo_key, logo_type, logo_version, updated_by, updated_at)
         VALUES (1, $1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET logo_key = $2, logo_type = $3, logo_version = $4, updated_by = $5,
             updated_at = $6",
    )
    .bind(&before.identity.name)
    .bind(&key)
    .bind(kind)
    .bind(version)
    .bind(admin_id)
    .bind(ctx.clock.now().secs())
    .execute(&ctx.pool)
    .await
    .step("save the logo in site_identity");
    if saved.is_err() {
        ctx.files.delete(&key).await?;
    }
    saved?;
    ctx.identity.clear();
    if let Some((old, _)) = &before.logo {
        ctx.files.delete(old).await?;
    }
    Ok(())
}

/// A key no other upload takes, even one racing this one in another process.
fn unique() -> String {
    use rand::Rng;
    hex::encode(rand::thread_rng().r#gen::<[u8; 8]>())
}

/// An admin removes the logo; the header shows the name alone.
pub async fn remove(ctx: &AppState, admin_id: i64) -> AppResult<()> {
    let before = super::current(ctx).await?;
    sqlx::query("UPDATE site_identity SET logo_key = NULL, logo_type = NULL, updated_by = $1, updated_at = $2")
        .bind(admin_id)
        .bind(ctx.clock.now().secs())
        .execute(&ctx.pool)
        .await
        .step("remove the logo from site_identity")?;
    ctx.identity.clear();
    if let Some((old, _)) = &before.logo {
        ctx.files.delete(old).await?;
    }
    Ok(())
}

/// The logo's MIME type and bytes, for `/site/logo`.
pub async fn open(ctx: &AppState) -> AppResult<(String, BoxStream<'static, std::io::Result<Bytes>>)> {
    let kept = super::current(ctx).await?;
    let Some((key, kind)) = &kept.logo else { return Err(AppError::NotFound) };
    let (_, body) = ctx.files.read(key).await?;
    Ok((kind.clone(), body))
}
