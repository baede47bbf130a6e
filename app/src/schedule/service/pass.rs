//! An invitee's pass. The link in an invitation carries it, so an invitee comes into a room that
//! has an access code without being sent the code (no code travels in a mail): while one of the
//! booking's occurrences is open (from [`JOIN_EARLY`] before its start to its end) the pass stands
//! in for the viewer code, never for the moderator code, and never for the room's sign-in rule.
//!
//! A pass is `<booking id>.<mac>`, the MAC an HMAC-SHA256 of the booking's UID and the invitee's
//! address under a key every process shares (made once, kept in `settings`). Nothing is stored per
//! invitee: taking someone off the invitees ends their pass, and cancelling the booking ends all.
use super::guarantee::JOIN_EARLY;
use super::store::{self, BookingRow};
use crate::error::{AppError, AppResult};
use crate::rooms::service::store::RoomRow;
use crate::state::AppState;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::AnyConnection;

/// The signing key's name in `settings`.
const KEY_SETTING: &str = "invitee_pass_key";

/// The key passes are signed with, on the caller's connection (it may be inside a transaction).
#[tracing::instrument(name = "schedule.pass.key", level = "error", skip_all)]
pub async fn key(conn: &mut AnyConnection) -> AppResult<Vec<u8>> {
    let fresh = crate::accounts::service::tokens::new_token();
    Ok(crate::db::setting_or_insert_on(conn, KEY_SETTING, &fresh).await?.into_bytes())
}

fn mac(key: &[u8], uid: &str, email: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(format!("invitee\0{uid}\0{}", email.to_lowercase()).as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

/// The pass of `email` to the booking `first` (the series' first occurrence) belongs to.
pub fn of(key: &[u8], first: &BookingRow, email: &str) -> String {
    format!("{}.{}", first.id, mac(key, &first.uid, email))
}

/// Whether `pass` lets its holder into `room` now: it names a booking of this room, one of its
/// occurrences is open, and it is the pass of one of its invitees (compared in constant time).
#[tracing::instrument(name = "schedule.pass.admits", level = "error", skip_all)]
pub async fn admits(ctx: &AppState, room: &RoomRow, pass: &str) -> AppResult<bool> {
    let Some((id, given)) = pass.trim().split_once('.') else { return Ok(false) };
    let Ok(id) = id.parse::<i64>() else { return Ok(false) };
    let mut conn = ctx.pool.acquire().await.map_err(AppError::from)?;
    let Some(row) = store::by_id(&mut conn, id).await? else { return Ok(false) };
    if row.room_id != room.id {
        return Ok(false);
    }
    let now = ctx.clock.now().secs();
    let series = store::series(&mut conn, &row.uid).await?;
    if !series.iter().any(|r| r.holds() && r.starts_at - JOIN_EARLY <= now && now < r.ends_at) {
        return Ok(false);
    }
    let key = key(&mut conn).await?;
    let invitees = store::invitees(&mut conn, &row.uid).await?;
    let mut found = false;
    // Every invitee is compared, so the time taken does not say which one matched.
    for email in &invitees {
        found |= crate::secrets::same(given, &mac(&key, &row.uid, email));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::mac;

    #[test]
    fn a_pass_is_bound_to_its_key_booking_and_invitee() {
        let one = mac(b"key", "uid-1@portal", "ann@example.org");
        assert_eq!(one.len(), 32);
        assert_eq!(one, mac(b"key", "uid-1@portal", "Ann@Example.org"), "addresses compare without case");
        assert_ne!(one, mac(b"other", "uid-1@portal", "ann@example.org"));
        assert_ne!(one, mac(b"key", "uid-2@portal", "ann@example.org"));
        assert_ne!(one, mac(b"key", "uid-1@portal", "bob@example.org"));
    }
}
