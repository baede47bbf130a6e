//! Who may call an assembly. Admins may make any booking one; a member an admin allows may make
//! their own bookings members' meetings (a board's secretary, say), and no one else's. The only
//! code that writes `assembly_callers`.
use crate::accounts::model::Role;
use crate::accounts::service::User;
use crate::assemblies::model::Caller;
use crate::error::{AppError, AppResult, Step};
use crate::schedule::service::store::BookingRow;
use crate::state::AppState;
use crate::time_display::{Reader, day};

/// Whether `user` may make `booking` an assembly, or change its rules.
pub async fn may_call(ctx: &AppState, user: &User, booking: &BookingRow) -> AppResult<bool> {
    if user.role() == Role::Admin {
        return Ok(true);
    }
    Ok(booking.owner_id == user.id && allowed(ctx, user.id).await?)
}

/// Whether an admin allowed `user_id` to call assemblies.
pub async fn allowed(ctx: &AppState, user_id: i64) -> AppResult<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT user_id FROM assembly_callers WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&ctx.pool)
        .await
        .step("read assembly_callers")?;
    Ok(found.is_some())
}

/// An admin allows the active member with `email` to call assemblies; the member's id.
pub async fn allow(ctx: &AppState, admin: &User, email: &str) -> AppResult<i64> {
    let member = crate::accounts::service::users::by_email(&ctx.pool, email.trim()).await?;
    let Some(member) = member.filter(|m| m.status == "active") else {
        return Err(AppError::field("email", "field.email.no_member"));
    };
    sqlx::query(
        "INSERT INTO assembly_callers (user_id, granted_by, granted_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(member.id)
    .bind(admin.id)
    .bind(ctx.clock.now().secs())
    .execute(&ctx.pool)
    .await
    .step("insert into assembly_callers")?;
    Ok(member.id)
}

/// An admin withdraws the permission; assemblies the member already called keep their rules.
pub async fn revoke(ctx: &AppState, user_id: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM assembly_callers WHERE user_id = $1")
        .bind(user_id)
        .execute(&ctx.pool)
        .await
        .step("delete from assembly_callers")?;
    Ok(())
}

/// The members allowed to call assemblies, by name, with the day they were allowed.
pub async fn list(ctx: &AppState, reader: &Reader) -> AppResult<Vec<Caller>> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT u.id, u.name, u.email, c.granted_at FROM assembly_callers c JOIN users u ON u.id = c.user_id
         ORDER BY u.name, u.id",
    )
    .fetch_all(&ctx.pool)
    .await
    .step("read assembly_callers")?;
    Ok(rows
        .into_iter()
        .map(|(id, name, email, at)| Caller {
            id,
            name,
            email,
            since: day(crate::clock::Timestamp::from_secs(at), reader),
        })
        .collect())
}
