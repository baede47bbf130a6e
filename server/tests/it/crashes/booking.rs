//! Forty bookings at once from four members, the serving process killed with SIGKILL among them:
//! each booking is whole (its weekly occurrences, the rows that reserve the region's capacity; its
//! invitee; its invitation in the outbox; its line in the security log) or absent, and once the
//! process is started again each saved booking's invitation reaches the SMTP sink exactly once.
use super::{count, settled};
use crate::support::Browser;
use crate::support::database::{self, Db};
use crate::support::process::{Portal, Site, eventually, serving, start};
use crate::support::smtp_sink::SmtpSink;
use app::accounts::model::{Role, Status};
use app::accounts::service::admin::create_admin;
use app::accounts::service::{password, users};
use std::collections::BTreeSet;
use std::time::Duration;

const BOOKINGS: usize = 40;
const MEMBERS: usize = 4;
/// Weekly occurrences of each booking.
const OCCURRENCES: i64 = 12;
const PW: &str = "correct horse battery";
const SAVED: &str = "SELECT COUNT(DISTINCT uid) FROM bookings";

/// How a booking request ended for the member who sent it.
#[derive(Debug)]
enum Outcome {
    Booked(i64),
    Refused(String),
    /// No answer: the process died first.
    Cut,
}

/// Booking `n`'s one invitee.
fn guest(n: usize) -> String {
    format!("guest{n}@guests.example")
}

/// Members signed in, each with a room of their own on region `eu` (a fake BBB; 800 may be booked
/// at once there, so every booking fits).
async fn members_with_rooms(portal: &Portal, pool: &app::db::Pool) -> Vec<(Browser, String)> {
    let now = app::clock::Clock::system().now();
    create_admin(pool, now, "admin@example.coop", "Admin", "admin password 1").await.expect("an admin");
    let admin = portal.browser();
    admin.login("admin@example.coop", "admin password 1").await.ok();
    let fake = server::fake_bbb::spawn(server::fake_bbb::Fake::new(crate::rooms::SECRET)).await.expect("a fake BBB");
    crate::schedule::region(&admin, "eu", &fake, "1000", "80").await;
    let hash = password::hash(PW).await.expect("a digest");
    let mut members = Vec::new();
    for i in 0..MEMBERS {
        let (email, name) = (format!("member{i}@example.coop"), format!("Member {i}"));
        let new = users::NewUser {
            email: &email,
            name: &name,
            password_hash: &hash,
            role: Role::Member,
            status: Status::Active,
            verified: true,
            language: "en",
            time_zone: "UTC",
            at: now,
        };
        users::insert(pool, new).await.expect("a member");
        let browser = portal.browser();
        browser.login(&email, PW).await.ok();
        let room = crate::rooms::create(&browser, &name).await;
        members.push((browser, room));
    }
    members
}

/// Books "Booking n" in `room` through `browser`'s session: weekly from a week ahead, one invitee.
async fn book(browser: Browser, room: String, n: usize) -> Outcome {
    let week = app::clock::Clock::system().now().secs() + 7 * 86_400;
    let date = chrono::DateTime::from_timestamp(week, 0).expect("a date").format("%Y-%m-%d").to_string();
    let form = [
        ("room", room),
        ("title", format!("Booking {n}")),
        ("description", String::new()),
        ("date", date),
        ("time", "10:00".to_string()),
        ("duration", "60".to_string()),
        ("participants", "2".to_string()),
        ("invitees", guest(n)),
        ("every_weeks", "1".to_string()),
        ("count", OCCURRENCES.to_string()),
        ("until", String::new()),
        ("region", String::new()),
    ];
    let url = format!("{}/api/schedule/book", browser.base);
    let Ok(answer) = browser.client.post(url).form(&form).send().await else { return Outcome::Cut };
    let refused = answer.headers().contains_key("serverfnerror");
    let Ok(body) = answer.text().await else { return Outcome::Cut };
    match body.trim().parse() {
        Ok(id) if !refused => Outcome::Booked(id),
        _ => Outcome::Refused(body),
    }
}

/// The bookings saved, by number, each checked whole; nothing is left of the others.
async fn whole_or_absent(pool: &app::db::Pool) -> BTreeSet<usize> {
    let series: Vec<(String, i64, i64)> =
        sqlx::query_as("SELECT title, COUNT(*), COUNT(DISTINCT uid) FROM bookings GROUP BY title")
            .fetch_all(pool)
            .await
            .expect("bookings");
    let mut saved = BTreeSet::<usize>::new();
    for (title, rows, uids) in series {
        assert_eq!((rows, uids), (OCCURRENCES, 1), "{title}: every occurrence, in one series");
        saved.insert(title.strip_prefix("Booking ").and_then(|n| n.parse().ok()).expect("a booking of the test"));
    }
    let invited: Vec<(String, String)> =
        sqlx::query_as("SELECT DISTINCT b.title, i.email FROM booking_invitees i JOIN bookings b ON b.uid = i.uid")
            .fetch_all(pool)
            .await
            .expect("invitees");
    let expected: BTreeSet<(String, String)> = saved.iter().map(|n| (format!("Booking {n}"), guest(*n))).collect();
    assert_eq!(invited.into_iter().collect::<BTreeSet<_>>(), expected, "each saved booking's invitee");
    let stray = "SELECT COUNT(*) FROM booking_invitees WHERE uid NOT IN (SELECT uid FROM bookings)";
    assert_eq!(count(pool, stray).await, 0, "no invitee without their booking");
    let mut queued: Vec<String> =
        sqlx::query_scalar("SELECT recipient FROM mail_outbox WHERE recipient LIKE '%@guests.example'")
            .fetch_all(pool)
            .await
            .expect("the outbox");
    queued.sort();
    assert_eq!(queued, guests(&saved), "one invitation for each saved booking, none for the others");
    let logged = "SELECT COUNT(*) FROM security_events WHERE kind = 'booking.invitations' AND detail LIKE 'mailed %'";
    assert_eq!(count(pool, logged).await, saved.len() as i64, "one line in the security log for each");
    saved
}

/// The invitees of bookings `saved`, in order.
fn guests(saved: &BTreeSet<usize>) -> Vec<String> {
    let mut guests: Vec<String> = saved.iter().map(|n| guest(*n)).collect();
    guests.sort();
    guests
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bookings_cut_by_sigkill_are_whole_or_absent_and_each_invitation_goes_once() {
    let url = database::fresh(Db::Postgres).await;
    let pool = app::db::connect(&url, 2).await.expect("the test's pool");
    let site = Site::temporary();
    // The first process's relay never answers MAIL: no invitation leaves before the kill, so the
    // sink counts the sending of the process started again (a kill during a send is `mail`'s case).
    let stalled = SmtpSink::start_slow(Duration::from_secs(60)).await;
    let mut first = serving(&url, stalled.port(), site.path()).await;
    let members = members_with_rooms(&first, &pool).await;
    let requests: Vec<_> = (0..BOOKINGS)
        .map(|n| {
            let (browser, room) = &members[n % MEMBERS];
            let browser = Browser { client: browser.client.clone(), base: browser.base.clone() };
            tokio::spawn(book(browser, room.clone(), n))
        })
        .collect();
    let arriving = eventually(Duration::from_secs(30), || async { count(&pool, SAVED).await >= 10 }).await;
    let was_running = first.running();
    first.kill();
    let mut outcomes = Vec::new();
    for request in requests {
        outcomes.push(request.await.expect("a booking request"));
    }
    assert!(arriving && was_running, "the kill did not land among the bookings: {outcomes:?}");
    settled(&pool).await;
    let refused: Vec<&String> =
        outcomes.iter().filter_map(|o| if let Outcome::Refused(body) = o { Some(body) } else { None }).collect();
    assert!(refused.is_empty(), "refused: {refused:?}");

    let saved = whole_or_absent(&pool).await;
    assert!(saved.len() < BOOKINGS, "the kill came after every booking");
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM bookings").fetch_all(&pool).await.expect("bookings");
    for outcome in &outcomes {
        if let Outcome::Booked(id) = outcome {
            assert!(ids.contains(id), "booking {id} was confirmed to its member, then lost");
        }
    }

    let sink = SmtpSink::start().await;
    let _second = start(&url, sink.port(), site.path());
    let unsent = "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL";
    let sent = eventually(Duration::from_secs(30), || async { count(&pool, unsent).await == 0 }).await;
    assert!(sent, "the process started again did not send the invitations");
    let mut received: Vec<String> =
        sink.all().into_iter().flat_map(|m| m.to).filter(|to| to.ends_with("@guests.example")).collect();
    received.sort();
    assert_eq!(received, guests(&saved), "each saved booking's invitation exactly once, and no other");
    assert!(stalled.all().is_empty(), "nothing left before the kill");
}
