//! The capacity rule against a brute-force count: random bookings are offered one by one, each
//! taken when `collisions` finds no stretch over the share, as `book::fits` does; then every minute
//! is counted by hand. Times are whole minutes, so a count at each minute sees every change.
use super::*;
use proptest::prelude::*;

/// Two days of quarter-hours: enough bookings meet for many to be refused.
const QUARTERS: i64 = 2 * 24 * 4;

/// What the reservations hold at second `at`: each window is half-open, `[from, to)`.
fn load_at(existing: &[Reservation], at: i64) -> i64 {
    existing.iter().filter(|r| r.from <= at && at < r.to).map(|r| r.participants).sum()
}

/// A booking as the form asks it: a start (quarter-hours), a length (quarter-hours), participants.
fn asks() -> impl Strategy<Value = Vec<(i64, i64, i64)>> {
    prop::collection::vec((0..QUARTERS, 1_i64..=16, 1_i64..=120), 1..60)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn accepted_bookings_never_hold_more_than_the_share(
        capacity in 1_i64..=400,
        percent in 1_i64..=100,
        offers in asks(),
    ) {
        let mut region = crate::regions::service::RegionRecord::for_tests("eu");
        region.capacity = capacity;
        region.bookable_percent = percent;
        let limit = bookable(&region).unwrap();
        let mut accepted: Vec<Reservation> = Vec::new();
        for (quarter, quarters, participants) in offers {
            // `book::fits` refuses a booking larger than the share before looking at the others.
            if participants > limit {
                continue;
            }
            let start = quarter * 900;
            let (from, to) = (start - LEAD, start + quarters * 900);
            let over = collisions(&accepted, from, to, participants, limit);
            // Each stretch named is exactly the minutes where adding this booking goes over, with
            // the most already held there.
            for minute in (from..to).step_by(60) {
                let load = load_at(&accepted, minute);
                let named = over.iter().find(|(a, b, _)| *a <= minute && minute < *b);
                prop_assert_eq!(named.is_some(), load + participants > limit, "minute {}", minute);
            }
            for (a, b, most) in &over {
                prop_assert!(from <= *a && a < b && *b <= to);
                let held = (*a..*b).step_by(60).map(|m| load_at(&accepted, m)).max();
                prop_assert_eq!(held, Some(*most));
            }
            let most = (from..to).step_by(60).map(|m| load_at(&accepted, m)).max().unwrap_or(0);
            prop_assert_eq!(peak(&accepted, from, to), most);
            if over.is_empty() {
                accepted.push(Reservation { from, to, participants });
            }
        }
        // Every minute of the span, checked by hand: never over the share.
        for minute in (-LEAD..(QUARTERS + 16) * 900).step_by(60) {
            let load = load_at(&accepted, minute);
            prop_assert!(load <= limit, "minute {}: {} held of {}", minute, load, limit);
        }
    }
}
