//! The admins' page of assemblies: the coming ones and the past ones (each with its organiser),
//! and the members allowed to call them.
use super::callers;
use crate::assemblies::model::{AdminAssemblies, AssemblyLine};
use crate::clock::Timestamp;
use crate::error::{AppResult, Step};
use crate::state::AppState;
use crate::time_display::{Reader, local};

/// How many past assemblies the page lists, newest first: their minutes are a click away.
const PAST: i64 = 50;

pub async fn overview(ctx: &AppState, reader: &Reader) -> AppResult<AdminAssemblies> {
    let now = ctx.clock.now().secs();
    let lines = |rows: Vec<(i64, String, i64, String)>| -> Vec<AssemblyLine> {
        rows.into_iter()
            .map(|(id, title, starts_at, organiser)| AssemblyLine {
                id,
                title,
                when: local(Timestamp::from_secs(starts_at), reader),
                organiser,
            })
            .collect()
    };
    let select = "SELECT b.id, b.title, b.starts_at, u.name FROM assemblies a JOIN bookings b ON b.id = a.booking_id
         JOIN users u ON u.id = b.owner_id";
    let coming = sqlx::query_as(&format!("{select} WHERE b.ends_at > $1 ORDER BY b.starts_at, b.id"))
        .bind(now)
        .fetch_all(&ctx.pool)
        .await
        .step("read coming assemblies")?;
    let past = sqlx::query_as(&format!("{select} WHERE b.ends_at <= $1 ORDER BY b.starts_at DESC, b.id LIMIT $2"))
        .bind(now)
        .bind(PAST)
        .fetch_all(&ctx.pool)
        .await
        .step("read past assemblies")?;
    Ok(AdminAssemblies { coming: lines(coming), past: lines(past), callers: callers::list(ctx, reader).await? })
}
