//! Announcements: an admin's message (information or a warning) shown on every page from its start
//! to its end, in the reader's language when the admins wrote it in several, else in the first
//! they wrote. Every page reads the running ones, so they are kept a second in memory
//! (`AppState::announcements`); a change here forgets them, another process sees it within the
//! second. The only code that writes `announcements` and `announcement_texts`.
use crate::accounts::service::User;
use crate::clock::Timestamp;
use crate::error::{AppError, AppResult, FieldErrors, Step};
use crate::i18n::Lang;
use crate::site::model::{AnnouncementForm, AnnouncementLine, Banner, Kind};
use crate::state::AppState;
use crate::time_display::{Reader, local};

/// An announcement that runs now or later, with each language's text.
#[derive(Debug, Clone)]
pub struct Running {
    pub id: i64,
    pub kind: Kind,
    pub starts_at: i64,
    pub ends_at: i64,
    pub texts: Vec<(Lang, String)>,
}

/// An admin publishes an announcement; its id. Each field's error is shown next to it.
#[tracing::instrument(name = "site.announcements.save", level = "error", skip_all)]
pub async fn save(ctx: &AppState, admin: &User, form: &AnnouncementForm) -> AppResult<i64> {
    let mut errors = FieldErrors::default();
    let kind = form.check(&mut errors);
    let window = crate::dates::form_window(&mut errors, &form.starts, &form.ends, &admin.time_zone);
    errors.into_result()?;
    let (Some(kind), Some((starts, ends))) = (kind, window) else {
        return Err(AppError::internal("a checked announcement lacks a field"));
    };
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO announcements (kind, starts_at, ends_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id",
    )
    .bind(kind.as_str())
    .bind(starts.secs())
    .bind(ends.secs())
    .bind(admin.id)
    .bind(ctx.clock.now().secs())
    .fetch_one(&mut *tx)
    .await
    .step("insert into announcements")?;
    for (position, (lang, text)) in form.texts().into_iter().enumerate() {
        sqlx::query("INSERT INTO announcement_texts (announcement_id, lang, position, body) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(lang.code())
            .bind(position as i64)
            .bind(text)
            .execute(&mut *tx)
            .await
            .step("insert into announcement_texts")?;
    }
    tx.commit().await?;
    ctx.announcements.clear();
    Ok(id)
}

/// An admin takes an announcement down (before, during or after it runs); one already gone stays gone.
pub async fn delete(ctx: &AppState, id: i64) -> AppResult<()> {
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("DELETE FROM announcement_texts WHERE announcement_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await
        .step("delete from announcement_texts")?;
    sqlx::query("DELETE FROM announcements WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await
        .step("delete from announcements")?;
    tx.commit().await?;
    ctx.announcements.clear();
    Ok(())
}

/// Announcements that have not ended, soonest first, from the database: `None` reads all of them.
async fn read(ctx: &AppState, since: Option<i64>) -> AppResult<Vec<Running>> {
    let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT id, kind, starts_at, ends_at FROM announcements WHERE ends_at > $1 ORDER BY starts_at, id",
    )
    .bind(since.unwrap_or(i64::MIN))
    .fetch_all(&ctx.pool)
    .await
    .step("read announcements")?;
    let texts: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT t.announcement_id, t.lang, t.body FROM announcement_texts t
         JOIN announcements a ON a.id = t.announcement_id WHERE a.ends_at > $1 ORDER BY t.position",
    )
    .bind(since.unwrap_or(i64::MIN))
    .fetch_all(&ctx.pool)
    .await
    .step("read announcement_texts")?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, starts_at, ends_at)| Running {
            id,
            kind: Kind::parse(&kind).unwrap_or(Kind::Info),
            starts_at,
            ends_at,
            texts: texts
                .iter()
                .filter(|(a, _, _)| *a == id)
                .filter_map(|(_, lang, body)| Lang::from_code(lang).map(|l| (l, body.clone())))
                .collect(),
        })
        .collect())
}

/// The banners of every page now, in `lang` (else in the first language written).
pub async fn banners(ctx: &AppState, lang: Lang) -> AppResult<Vec<Banner>> {
    let now = ctx.clock.now().secs();
    let coming = match ctx.announcements.get(&()) {
        Some(kept) => kept,
        None => {
            let fresh = std::sync::Arc::new(read(ctx, Some(now)).await?);
            ctx.announcements.put((), fresh.clone());
            fresh
        }
    };
    Ok(coming
        .iter()
        .filter(|a| a.starts_at <= now && now < a.ends_at)
        .filter_map(|a| {
            let text = a.texts.iter().find(|(l, _)| *l == lang).or_else(|| a.texts.first())?;
            Some(Banner { kind: a.kind, text: text.1.clone() })
        })
        .collect())
}

/// Every announcement for the admins, newest start first, in their zone.
pub async fn all(ctx: &AppState, reader: &Reader) -> AppResult<Vec<AnnouncementLine>> {
    let now = ctx.clock.now().secs();
    let mut all = read(ctx, None).await?;
    all.reverse();
    Ok(all
        .into_iter()
        .map(|a| AnnouncementLine {
            id: a.id,
            kind: a.kind,
            starts: local(Timestamp::from_secs(a.starts_at), reader),
            ends: local(Timestamp::from_secs(a.ends_at), reader),
            state: match (a.starts_at <= now, now < a.ends_at) {
                (true, true) => "running",
                (false, _) => "coming",
                (true, false) => "over",
            }
            .into(),
            texts: a.texts.into_iter().map(|(l, t)| (l.code().to_string(), t)).collect(),
        })
        .collect())
}
