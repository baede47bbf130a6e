//! The capacity rule. A region may have `capacity` participants at once; bookings may reserve its
//! bookable share (`bookable_percent`, 80 % unless an admin says otherwise), the rest stays for
//! meetings nobody booked. A booking reserves its expected participants from `LEAD` seconds before
//! its start to its end; it fits when no moment of that window goes over the share. Windows are
//! half-open, so a booking ending at 11:00 and one whose window opens at 11:00 do not overlap.
use crate::error::AppResult;
use crate::error::Step;
use crate::regions::service::RegionRecord;
use sqlx::{Any, Transaction};

/// Seconds before its start that a booking's reservation begins.
pub const LEAD: i64 = 15 * 60;
/// The longest window a booking can have: no reservation starting earlier than this before a
/// window can reach into it, which keeps the lookup to a short range of the index.
const LONGEST: i64 = crate::schedule::model::MAX_MINUTES * 60 + LEAD;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reservation {
    pub from: i64,
    pub to: i64,
    pub participants: i64,
}

/// Participants bookings may reserve at once on the region; `None`: the region has no capacity
/// set, so bookings there are recorded but nothing is guaranteed.
pub fn bookable(region: &RegionRecord) -> Option<i64> {
    (region.capacity > 0).then(|| region.capacity * region.bookable_percent.clamp(0, 100) / 100)
}

/// The stretches of `[from, to)` where `existing` reservations plus `adding` go over `limit`,
/// each with the most reserved there (before adding). Empty: it fits.
pub fn collisions(existing: &[Reservation], from: i64, to: i64, adding: i64, limit: i64) -> Vec<(i64, i64, i64)> {
    let mut edges: Vec<(i64, i64)> = Vec::with_capacity(existing.len() * 2 + 2);
    for r in existing.iter().filter(|r| r.from < to && r.to > from) {
        edges.push((r.from.max(from), r.participants));
        edges.push((r.to.min(to), -r.participants));
    }
    // At one instant, ends come before starts: touching windows do not add up.
    edges.sort_unstable();
    let mut over: Vec<(i64, i64, i64)> = Vec::new();
    let (mut load, mut at) = (0_i64, from);
    let mut i = 0;
    loop {
        let next = edges.get(i).map_or(to, |e| e.0);
        if next > at && load + adding > limit {
            match over.last_mut() {
                Some(last) if last.1 == at => {
                    last.1 = next;
                    last.2 = last.2.max(load);
                }
                _ => over.push((at, next, load)),
            }
        }
        if i >= edges.len() {
            break;
        }
        at = next;
        while let Some(&(_, delta)) = edges.get(i).filter(|e| e.0 == at) {
            load += delta;
            i += 1;
        }
    }
    over
}

/// The most reserved at any moment of `[from, to)`.
pub fn peak(existing: &[Reservation], from: i64, to: i64) -> i64 {
    collisions(existing, from, to, i64::MAX / 4, 0).iter().map(|c| c.2).max().unwrap_or(0)
}

/// Makes this transaction the region's only booker until it ends: a row lock on PostgreSQL; on
/// SQLite the transaction already holds the one write lock (`db::begin`).
#[tracing::instrument(name = "schedule.capacity.lock", level = "error", skip_all)]
pub async fn lock(tx: &mut Transaction<'static, Any>, region: &str) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO booking_locks (region_code, version) VALUES ($1, 1)
         ON CONFLICT (region_code) DO UPDATE SET version = booking_locks.version + 1",
    )
    .bind(region)
    .execute(&mut **tx)
    .await
    .step("insert into booking_locks")?;
    Ok(())
}

/// The reservations holding capacity on `region` somewhere in `[from, to)`, except those of the
/// series `except_uid` (a booking being changed does not collide with itself).
#[tracing::instrument(name = "schedule.capacity.reserved", level = "error", skip_all)]
pub async fn reserved(
    conn: &mut sqlx::AnyConnection,
    region: &str,
    from: i64,
    to: i64,
    except_uid: Option<&str>,
) -> AppResult<Vec<Reservation>> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT reserve_from, ends_at, participants FROM bookings
         WHERE region_code = $1 AND reserve_from >= $2 AND reserve_from < $3 AND ends_at > $4
           AND state IN ('booked', 'requested', 'approved') AND uid <> $5",
    )
    .bind(region)
    .bind(from - LONGEST)
    .bind(to)
    .bind(from)
    .bind(except_uid.unwrap_or(""))
    .fetch_all(conn)
    .await
    .step("read bookings")?;
    Ok(rows.into_iter().map(|(from, to, participants)| Reservation { from, to, participants }).collect())
}

#[cfg(test)]
#[path = "capacity_props.rs"]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn r(from: i64, to: i64, participants: i64) -> Reservation {
        Reservation { from, to, participants }
    }

    #[test]
    fn touching_windows_do_not_add_up() {
        let existing = [r(0, 100, 60)];
        assert!(collisions(&existing, 100, 200, 40, 80).is_empty(), "starts as the other ends");
        assert_eq!(collisions(&existing, 99, 200, 40, 80), vec![(99, 100, 60)], "one second of overlap is too much");
    }

    #[test]
    fn the_stretches_over_the_limit_are_named_with_their_load() {
        let existing = [r(0, 50, 30), r(40, 120, 30), r(200, 300, 70)];
        assert_eq!(collisions(&existing, 0, 400, 30, 80), vec![(40, 50, 60), (200, 300, 70)]);
        assert_eq!(peak(&existing, 0, 400), 70);
        assert_eq!(peak(&existing, 0, 40), 30);
        assert_eq!(peak(&[], 0, 40), 0);
        assert!(collisions(&existing, 0, 400, 10, 80).is_empty(), "60 + 10 and 70 + 10 fit in 80");
    }

    #[test]
    fn adjacent_stretches_over_the_limit_join_up() {
        let existing = [r(0, 50, 50), r(50, 100, 60)];
        assert_eq!(collisions(&existing, 0, 100, 40, 80), vec![(0, 100, 60)]);
    }

    #[test]
    fn the_bookable_share_of_a_region() {
        let mut region = crate::regions::service::RegionRecord::for_tests("eu");
        assert_eq!(bookable(&region), None);
        region.capacity = 500;
        assert_eq!(bookable(&region), Some(400));
        region.bookable_percent = 100;
        assert_eq!(bookable(&region), Some(500));
    }
}
