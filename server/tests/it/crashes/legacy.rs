//! A Greenlight import killed while its members arrive, then run again from the same command line,
//! as an admin does once told it stopped: every member, room and co-owner is there once. The
//! killed run's lease first refuses the second run; it is given up here, standing for the two
//! minutes it would take to run out. (`legacy::a_greenlight_v3_import_killed_halfway_…` resumes
//! in-process, with a manual clock; here both runs are the binary.)
use super::{count, settled};
use crate::legacy::{portal, v3_with};
use crate::support::database::Db;
use crate::support::process::{cli, eventually, run};
use std::time::Duration;

/// Members of the legacy instance; it also has Olga (imported), a banned member and a super admin.
const MEMBERS: i64 = 2000;

/// Member g co-owns member g + 1's room: MEMBERS - 1 co-owners beside the instance's own one.
fn coowners() -> String {
    format!(
        "INSERT INTO shared_accesses (user_id, room_id)
             SELECT u.id, r.id FROM generate_series(1, {last}) g
               JOIN users u ON u.email = 'm' || g || '@example.org'
               JOIN rooms r ON r.name = 'Room of Member ' || (g + 1);",
        last = MEMBERS - 1
    )
}

/// What of the instance is here: its members (their emails are at example.org), rooms, co-owners.
#[derive(Debug, PartialEq, Eq)]
struct Tally {
    users: i64,
    rooms: i64,
    shares: i64,
}

async fn tally(pool: &app::db::Pool) -> Tally {
    Tally {
        users: count(pool, "SELECT COUNT(*) FROM users WHERE email LIKE '%@example.org'").await,
        rooms: count(pool, "SELECT COUNT(*) FROM rooms").await,
        shares: count(pool, "SELECT COUNT(*) FROM room_shares").await,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_legacy_import_killed_while_members_arrive_resumes_to_each_member_room_and_coowner_once() {
    let (app, _admin) = portal(Db::Postgres).await;
    let pool = &app.pool;
    let legacy = v3_with(MEMBERS, &coowners()).await;
    let args = ["legacy", "import", "--from", legacy.as_str(), "--region", "legacy"];
    let all = MEMBERS + 1; // and Olga

    let mut first = cli(&app.database_url, &args);
    let arriving = eventually(Duration::from_secs(30), || async { tally(pool).await.users > 0 }).await;
    let was_running = first.running();
    first.kill();
    assert!(arriving && was_running, "the kill did not land while members arrived");
    settled(pool).await;
    let at_kill = tally(pool).await;
    assert!(at_kill.users < all, "killed while members arrive: {at_kill:?}");
    assert_eq!(at_kill.rooms, at_kill.users, "a member arrives with their room, in one transaction");
    assert_eq!(at_kill.shares, 0, "co-owners come once every member is in");

    // The killed run's lease outlives it: a second run at once is refused, and adds nothing.
    let refused = run(&app.database_url, &args).await;
    let running = app::i18n::Lang::En.msg(&app::error::Msg::new("legacy.running"));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success() && said.contains(&running), "{:?}: {said}", refused.status);
    assert_eq!(tally(pool).await, at_kill);
    let clock = app::clock::Clock::system();
    let lease = app::jobs::lease::holder_of(pool, &clock, app::legacy::service::import::LEASE).await.expect("leases");
    let holder = lease.expect("the killed run still holds the import's lease");
    app::jobs::lease::release_all(pool, &holder).await.expect("the lease given up");

    let resumed = run(&app.database_url, &args).await;
    assert!(resumed.status.success(), "{}", String::from_utf8_lossy(&resumed.stderr));
    assert_eq!(tally(pool).await, Tally { users: all, rooms: all, shares: MEMBERS }, "each once");
    let distinct = (
        count(pool, "SELECT COUNT(DISTINCT email) FROM users WHERE email LIKE '%@example.org'").await,
        count(pool, "SELECT COUNT(DISTINCT slug) FROM rooms").await,
    );
    assert_eq!(distinct, (all, all), "no email or room link twice");
    let owned = "SELECT COUNT(*) FROM rooms r JOIN users u ON u.id = r.owner_id WHERE r.name = 'Room of ' || u.name";
    assert_eq!(count(pool, owned).await, all, "each room with the member it came with");
    let coowned = format!(
        "SELECT COUNT(*) FROM generate_series(1, {last}) g
           JOIN users c ON c.email = 'm' || g || '@example.org'
           JOIN users o ON o.email = 'm' || (g + 1) || '@example.org'
           JOIN rooms r ON r.owner_id = o.id
           JOIN room_shares s ON s.room_id = r.id AND s.user_id = c.id",
        last = MEMBERS - 1
    );
    assert_eq!(count(pool, &coowned).await, MEMBERS - 1, "each co-owner on the room they had");
    // Each legacy record remembered once, each pointing at a record of its own here.
    let remembered: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT kind, COUNT(*), COUNT(DISTINCT quorum_id) FROM legacy_origins GROUP BY kind ORDER BY kind",
    )
    .fetch_all(pool)
    .await
    .expect("legacy_origins");
    let expected = [("room", all, all), ("share", MEMBERS, MEMBERS), ("user", all, all)];
    assert_eq!(remembered, expected.map(|(kind, n, here)| (kind.to_string(), n, here)));
}
