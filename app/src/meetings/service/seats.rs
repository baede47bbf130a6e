//! Seats in a meeting with a participant limit. BBB refuses a join over `maxParticipants` on its own
//! page, far from the portal; here a visitor is told the meeting is full and waits for a seat instead.
//! The portal counts the join links it hands out on top of the last participant count it knows, and
//! asks BBB (`getMeetingInfo`) only when that estimate reaches the limit, and not again within a
//! second of a count. BBB counts a participant only once their client has loaded, so links handed
//! out in the last few seconds still hold their seat after a count: at the very limit a visitor may
//! wait a few seconds too long, but never gets a link BBB would refuse. The count lives in the
//! database, in one transaction per seat, so two portal processes cannot each fill the room. Rooms
//! without a limit cost nothing here. Only this module writes `meeting_counts` and `meeting_seats`.
use crate::db;
use crate::error::AppResult;
use crate::error::Step as _;
use crate::regions::service::RegionRecord;
use crate::rooms::service::store::RoomRow;
use crate::state::AppState;

/// Seconds after a count (or a region that did not answer) before the region is asked again.
const RECHECK: i64 = 1;
/// Seconds a handed-out link may take to show in BBB's count (the client loading, the audio check).
pub const IN_FLIGHT: i64 = 10;

pub use crate::rooms::service::store::seat_limit as limit;

/// Rooms this process found full in the current second: a crowd at a full room is answered from
/// memory. Only "full" is remembered, so a stale entry can keep a visitor waiting a second longer
/// but never lets one in over the limit.
#[derive(Default)]
pub struct FullRooms(std::sync::Mutex<std::collections::HashMap<(i64, i64), i64>>);

impl FullRooms {
    fn seen_full(&self, key: (i64, i64), now: i64) -> bool {
        self.0.lock().is_ok_and(|rooms| rooms.get(&key) == Some(&now))
    }

    fn note_full(&self, key: (i64, i64), now: i64) {
        if let Ok(mut rooms) = self.0.lock() {
            rooms.retain(|_, at| *at == now);
            rooms.insert(key, now);
        }
    }
}

enum Step {
    Taken,
    /// Full by the count; `ask`: nobody asked the region within the last second, so ask it.
    Full {
        ask: bool,
        answered: bool,
    },
}

/// Takes a seat in the room's running meeting, or answers `false` when it is full. A region that
/// does not answer lets the visitor go on (BBB still enforces the limit).
#[tracing::instrument(name = "meetings.seats.take", level = "error", skip_all)]
pub async fn take(ctx: &AppState, region: &RegionRecord, room: &RoomRow) -> AppResult<bool> {
    let limit = limit(room, region);
    if limit <= 0 {
        return Ok(true);
    }
    let (key, now) = ((room.id, room.create_time.unwrap_or_default()), ctx.clock.now().secs());
    if ctx.full_rooms.seen_full(key, now) {
        return Ok(false);
    }
    match step(ctx, room, limit, Fresh::None).await? {
        Step::Taken => return Ok(true),
        Step::Full { ask: false, answered: true } => {
            ctx.full_rooms.note_full(key, now);
            return Ok(false);
        }
        Step::Full { ask: false, answered: false } => return Ok(true),
        Step::Full { ask: true, .. } => {}
    }
    match ctx.bbb.get_meeting_info(&region.endpoint(), &room.meeting_id).await {
        Ok(meeting) => {
            let fresh = Fresh::Count(i64::from(meeting.participant_count));
            let taken = matches!(step(ctx, room, limit, fresh).await?, Step::Taken);
            if !taken {
                ctx.full_rooms.note_full(key, now);
            }
            Ok(taken)
        }
        Err(e) => {
            tracing::warn!(room = %room.slug, error = %e, "seat check: region did not answer");
            step(ctx, room, limit, Fresh::Unanswered).await?;
            Ok(true)
        }
    }
}

enum Fresh {
    None,
    Count(i64),
    Unanswered,
}

/// One locked look at the meeting's count: takes a seat when the estimate allows.
async fn step(ctx: &AppState, room: &RoomRow, limit: i64, fresh: Fresh) -> AppResult<Step> {
    let (pool, now) = (&ctx.pool, ctx.clock.now().secs());
    let meeting = room.create_time.unwrap_or_default();
    let mut tx = db::begin(pool).await?;
    let lock = format!(
        "SELECT create_time, known, counted_at, answered, asked_at FROM meeting_counts WHERE room_id = $1{}",
        db::for_update(pool)
    );
    let mut found: Option<(i64, i64, i64, i64, i64)> =
        sqlx::query_as(&lock).bind(room.id).fetch_optional(&mut *tx).await.step("read meeting_counts")?;
    if found.is_none() {
        sqlx::query(
            "INSERT INTO meeting_counts (room_id, create_time, known, counted_at, answered) VALUES ($1, $2, $3, 0, 1)
             ON CONFLICT (room_id) DO NOTHING",
        )
        .bind(room.id)
        .bind(meeting)
        .bind(room.participants)
        .execute(&mut *tx)
        .await
        .step("insert into meeting_counts")?;
        found = Some(sqlx::query_as(&lock).bind(room.id).fetch_one(&mut *tx).await.step("read meeting_counts")?);
    }
    let before =
        found.ok_or_else(|| crate::error::AppError::internal(format_args!("no seat count for room {}", room.id)))?;
    let (created, mut known, mut counted_at, mut answered, mut asked_at) = before;
    if created != meeting {
        // A new run of the meeting counts afresh.
        (known, counted_at, answered, asked_at) = (room.participants, 0, 1, 0);
        sqlx::query("DELETE FROM meeting_seats WHERE room_id = $1")
            .bind(room.id)
            .execute(&mut *tx)
            .await
            .step("delete from meeting_seats")?;
    }
    // Only an answer moves `counted_at`: the links handed out within IN_FLIGHT before it are the
    // ones BBB may not count yet. Asking (or not being answered) moves `asked_at` alone, so a join
    // while the question is out still counts every link handed out since the last answer.
    match fresh {
        Fresh::Count(count) => (known, counted_at, answered) = (count, now, 1),
        Fresh::Unanswered => (asked_at, answered) = (now, 0),
        Fresh::None => {}
    }
    let handed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM meeting_seats WHERE room_id = $1 AND create_time = $2 AND handed_at > $3",
    )
    .bind(room.id)
    .bind(meeting)
    .bind(counted_at - IN_FLIGHT)
    .fetch_one(&mut *tx)
    .await
    .step("read meeting_seats")?;
    let step = if known + handed < limit && !matches!(fresh, Fresh::Unanswered) {
        sqlx::query("INSERT INTO meeting_seats (room_id, create_time, handed_at) VALUES ($1, $2, $3)")
            .bind(room.id)
            .bind(meeting)
            .bind(now)
            .execute(&mut *tx)
            .await
            .step("insert into meeting_seats")?;
        Step::Taken
    } else if !matches!(fresh, Fresh::None) || now - counted_at.max(asked_at) < RECHECK {
        Step::Full { ask: false, answered: answered != 0 }
    } else {
        // This process asks; others within the second take the answer it records.
        asked_at = now;
        Step::Full { ask: true, answered: true }
    };
    // A visitor told "full" by a fresh count writes nothing: the crowd at a full room stays cheap.
    if (meeting, known, counted_at, answered, asked_at) != before {
        sqlx::query(
            "UPDATE meeting_counts SET create_time = $1, known = $2, counted_at = $3, answered = $4, asked_at = $5
             WHERE room_id = $6",
        )
        .bind(meeting)
        .bind(known)
        .bind(counted_at)
        .bind(answered)
        .bind(asked_at)
        .bind(room.id)
        .execute(&mut *tx)
        .await
        .step("update meeting_counts")?;
    }
    tx.commit().await?;
    Ok(step)
}
