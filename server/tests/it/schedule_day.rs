//! Scheduling on the day and around it: the guarantee (unbooked starts refused during a full window,
//! the booked meeting created with its reservation), invitees let in ten minutes early, reminders
//! and provisioning calls sent once with the clock moved, and the calendar files and feed read back
//! by an independent parser.
use crate::on_both_databases;
use crate::rooms::create;
use crate::schedule::{PW, book, id_of, world, world_with};
use crate::support::database::Db;
use crate::support::{Browser, TestApp};
use serde_json::Value;
use std::sync::{Arc, Mutex};

/// The date and time (UTC) of the full hour `hours` from the portal's now.
fn at(app: &TestApp, hours: i64) -> (String, String, i64) {
    let start = (app.clock.now().secs() / 3600 + hours) * 3600;
    let t = chrono::DateTime::from_timestamp(start, 0).unwrap();
    (t.format("%Y-%m-%d").to_string(), t.format("%H:%M").to_string(), start)
}

/// Moves the portal's clock to `secs` from now's `target`.
fn move_to(app: &TestApp, target: i64) {
    app.clock.advance(target - app.clock.now().secs());
}

/// The checker's reading of an iCalendar file or a mail carrying one.
pub fn parse_ical(text: &str) -> Value {
    use std::io::Write;
    let python =
        std::env::var("QUORUM_PYTHON").expect("QUORUM_PYTHON names a Python with `icalendar` (scripts/test sets it)");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/checkers/ical_check.py");
    let mut child = std::process::Command::new(python)
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python starts");
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "checker failed: {}\n{text}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Mozilla's `ical.js` reading of an iCalendar file (`support/read_ics.mjs`, through `node`).
pub fn read_with_icaljs(text: &str) -> Value {
    use std::io::Write;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/support/read_ics.mjs");
    let mut child = std::process::Command::new("node")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("node starts (ical.js is installed by `npm ci` at the repository's root)");
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "ical.js failed: {}\n{text}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// What RFC 5545 (3.6.5) allows in a VTIMEZONE and its observances.
const ZONE_PROPERTIES: [&str; 10] =
    ["tzid", "last-modified", "tzurl", "dtstart", "tzoffsetto", "tzoffsetfrom", "rrule", "rdate", "comment", "tzname"];

/// A calendar file (or a mail carrying one) read by both checkers, Python's `icalendar` and
/// `ical.js`: each zone carries only what the RFC allows, and the two agree on every event's
/// identity and times (in UTC through the file's own VTIMEZONE). Python's reading is returned.
pub fn read_ical(text: &str) -> Value {
    let python = parse_ical(text);
    let mozilla = read_with_icaljs(python["text"].as_str().unwrap());
    for reading in [&python, &mozilla] {
        for found in reading["zone_properties"].as_array().unwrap() {
            let name = found.as_str().unwrap().split(':').nth(1).unwrap();
            assert!(ZONE_PROPERTIES.contains(&name), "RFC 5545 3.6.5 allows no {found} in a zone:\n{text}");
        }
    }
    assert_eq!(python["method"], mozilla["method"]);
    assert_eq!(python["timezones"], mozilla["timezones"]);
    let (ours, theirs) = (python["events"].as_array().unwrap(), mozilla["events"].as_array().unwrap());
    assert_eq!(ours.len(), theirs.len());
    for (a, b) in ours.iter().zip(theirs) {
        assert_eq!(
            (&a["uid"], &a["sequence"], &a["summary"], &a["status"]),
            (&b["uid"], &b["sequence"], &b["summary"], &b["status"])
        );
        assert_eq!(a["attendees"], b["attendees"]);
        for time in ["start", "end", "recurrence_id"] {
            assert_eq!(a[time]["local"], b[time]["local"], "{time}");
            assert_eq!(a[time]["utc"], b[time]["utc"], "{time} in UTC, by either reader");
        }
    }
    python
}

async fn unbooked_starts_are_refused_while_a_full_window_is_open_and_the_booked_one_starts(db: Db) {
    let w = world_with(db, |c| c.schedule.event_size = 1000).await;
    let (date, time, start) = at(&w.app, 4);
    id_of(&book(&w.ann, &w.room, &date, &time, "60", "80", &[("invitees", "guest@example.org")]).await);
    // Bob's meeting runs on eu with 25 people; the poll counts them.
    let bob = w.app.member("Bob", "bob@example.coop", PW).await;
    let drop_in = create(&bob, "Drop-in").await;
    bob.call("meetings/start", &[("slug", &drop_in)]).await.ok();
    let meeting = w.app.meeting_id(&drop_in).await;
    w.fake.state().meetings.get_mut(&meeting).unwrap().participants = 25;
    w.app.run_job("monitor").await;
    // More than two hours before the booking, Carl starts, capped at the seats left (100 - 25).
    let carl = w.app.member("Carl", "carl@example.coop", PW).await;
    let early = create(&carl, "Early").await;
    carl.call("meetings/start", &[("slug", &early)]).await.ok();
    let early_meeting = w.fake.meeting(&w.app.meeting_id(&early).await).unwrap();
    assert_eq!(early_meeting.params.get("maxParticipants").map(String::as_str), Some("75"));
    carl.call("meetings/end", &[("slug", &early)]).await.ok();
    // Within two hours of it the booking's 80 seats are kept: 25 + 80 leaves none of 100.
    move_to(&w.app, start - 2 * 3600 + 60);
    carl.login("carl@example.coop", PW).await.ok();
    let refused = carl.call("meetings/start", &[("slug", &early)]).await;
    assert_eq!(refused.refusal(), "booking.region_reserved");
    let named = matches!(refused.err(), app::error::AppError::Refused(m) if m.text("region") == Some("ca"));
    assert!(named, "a region with room is named: {:?}", refused.err());
    // A guest invited to the booking waits until ten minutes before, then starts it.
    move_to(&w.app, start - 11 * 60);
    let guest = w.app.browser();
    let waiting = guest.call("meetings/join", &[("slug", &w.room), ("name", "Guest")]).await;
    assert_eq!(waiting.headers["location"], format!("/r/{}/wait", w.room));
    move_to(&w.app, start - 10 * 60);
    let guest = w.app.browser();
    let joined = guest.call("meetings/join", &[("slug", &w.room), ("name", "Guest")]).await;
    assert!(!joined.headers["location"].to_str().unwrap().ends_with("/wait"), "{:?}", joined.headers);
    let booked = w.fake.meeting(&w.app.meeting_id(&w.room).await).expect("the booked meeting runs");
    assert_eq!(booked.params.get("maxParticipants").map(String::as_str), Some("90"), "80 reserved + 10 headroom");
    assert_eq!(booked.params.get("meta_server-tag"), None, "not an event");
    // After the booking ends, Carl may start again.
    move_to(&w.app, start + 3600);
    carl.login("carl@example.coop", PW).await.ok();
    carl.call("meetings/start", &[("slug", &early)]).await.ok();
}
on_both_databases!(unbooked_starts_are_refused_while_a_full_window_is_open_and_the_booked_one_starts);

/// How many sends of `kind` were queued (a process's background runner may queue them as well as
/// the test's explicit runs: what matters is that each is queued once).
async fn sends(app: &TestApp, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM booking_sends WHERE kind = $1")
        .bind(kind)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn reminders_go_once_each_when_their_time_comes(db: Db) {
    let w = world(db).await;
    let bob = w.app.member("Bob", "bob@example.coop", PW).await;
    bob.call("schedule/reminders", &[("minutes", "10")]).await.ok();
    assert_eq!(bob.call("schedule/reminders", &[("minutes", "7")]).await.field("minutes"), "booking.reminder.invalid");
    let (date, time, start) = at(&w.app, 2);
    let ann_before = w.app.sink.count_to("ann@example.coop");
    let invitees = "guest@example.org, bob@example.coop";
    id_of(&book(&w.ann, &w.room, &date, &time, "60", "5", &[("invitees", invitees)]).await);
    w.app.run_job("reminders").await;
    assert_eq!(sends(&w.app, "reminder").await, 0);
    move_to(&w.app, start - 30 * 60);
    w.app.run_job("reminders").await;
    assert_eq!(sends(&w.app, "reminder").await, 2, "Ann and the guest: 30 minutes before");
    // Its mail goes to the same relay: whichever process's mailer takes a reminder, it arrives here.
    let second = TestApp::spawn_beside(&w.app).await;
    w.app.clock.advance(11); // the first process's lease on the job runs out
    second.run_job("reminders").await;
    w.app.run_job("reminders").await;
    assert_eq!(sends(&w.app, "reminder").await, 2, "nobody is reminded twice, whichever process runs the job");
    move_to(&w.app, start - 10 * 60);
    for _ in 0..3 {
        // Whichever process holds the job's lease sends; the others find nothing left to send.
        second.run_job("reminders").await;
        w.app.run_job("reminders").await;
        w.app.clock.advance(11);
    }
    assert_eq!(sends(&w.app, "reminder").await, 3, "Bob asked for 10 minutes");
    let reminder = w.app.sink.wait_for("guest@example.org", 2).await;
    assert!(reminder.decoded().contains(&format!("/r/{}", w.room)));
    w.app.sink.wait_for("bob@example.coop", 2).await;
    w.app.sink.wait_for("ann@example.coop", ann_before + 1).await;
    // What was queued, not what has arrived so far: each recipient's reminder is in the outbox once.
    let queued: Vec<(String, i64)> = sqlx::query_as(
        "SELECT recipient, COUNT(*) FROM mail_outbox WHERE kind = 'booking_reminder' GROUP BY recipient ORDER BY recipient",
    )
    .fetch_all(&w.app.pool)
    .await
    .unwrap();
    let once = |who: &str| (who.to_string(), 1);
    assert_eq!(queued, vec![once("ann@example.coop"), once("bob@example.coop"), once("guest@example.org")]);
}
on_both_databases!(reminders_go_once_each_when_their_time_comes);

/// A provisioning hook on loopback that refuses its first call and accepts the rest.
async fn hook() -> (String, Arc<Mutex<Vec<(String, String)>>>) {
    use axum::routing::post;
    let seen: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let store = seen.clone();
    let app = axum::Router::new().route(
        "/provision",
        post(move |headers: axum::http::HeaderMap, body: String| {
            let store = store.clone();
            async move {
                let signature =
                    headers.get("x-quorum-signature").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
                let mut seen = store.lock().unwrap();
                seen.push((signature, body));
                if seen.len() == 1 { axum::http::StatusCode::INTERNAL_SERVER_ERROR } else { axum::http::StatusCode::OK }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/provision", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, seen)
}

async fn the_provisioning_hook_is_called_once_before_and_after_an_approved_event(db: Db) {
    let (url, seen) = hook().await;
    let w = world_with(db, move |c| {
        c.schedule.hook_url = Some(url);
        c.schedule.hook_secret = Some("hook-secret".into());
    })
    .await;
    let (date, time, start) = at(&w.app, 30);
    let event = id_of(&book(&w.ann, &w.room, &date, &time, "120", "70", &[]).await);
    move_to(&w.app, start - 61 * 60);
    w.app.run_job("provisioning").await;
    w.sign_in_again().await;
    w.admin.call("schedule/decide", &[("id", &event), ("decision", "approve"), ("note", "")]).await.ok();
    w.app.run_job("provisioning").await;
    assert_eq!(sends(&w.app, "hook_before").await, 0, "an hour and a minute ahead");
    move_to(&w.app, start - 59 * 60);
    w.app.run_job("provisioning").await;
    w.app.run_job("provisioning").await;
    assert_eq!(sends(&w.app, "hook_before").await, 1);
    w.app.run_job("webhooks").await;
    w.app.run_job("webhooks").await;
    assert_eq!(seen.lock().unwrap().len(), 1, "refused the first time, and not retried at once");
    w.app.clock.advance(31);
    w.app.run_job("webhooks").await;
    let calls = seen.lock().unwrap().clone();
    assert_eq!(calls.len(), 2);
    let (signature, body) = &calls[1];
    let payload: Value = serde_json::from_str(body).unwrap();
    assert_eq!((payload["phase"].as_str(), payload["participants"].as_i64()), (Some("before"), Some(70)));
    assert_eq!(payload["region"], "eu");
    let at = signature.split(',').next().unwrap().trim_start_matches("t=").parse::<i64>().unwrap();
    let expected = app::hooks::signature("hook-secret", app::clock::Timestamp::from_secs(at), body);
    assert_eq!(signature, &expected);
    let page = w.ann.call("schedule/booking", &[("id", &event)]).await;
    assert_eq!(page.ok()["calls"][0]["sent"], true);
    let second = TestApp::spawn_on(&w.app.database_url, w.app.clock.clone()).await;
    w.app.clock.advance(11); // the first process's lease on the job runs out
    second.run_job("provisioning").await;
    assert_eq!(sends(&w.app, "hook_before").await, 1, "queued once, whoever runs the job");
    // The approved event goes to the region's event servers.
    move_to(&w.app, start - 5 * 60);
    w.sign_in_again().await;
    w.ann.call("meetings/start", &[("slug", &w.room)]).await.ok();
    let created = w.fake.meeting(&w.app.meeting_id(&w.room).await).expect("the event runs");
    assert_eq!(created.params.get("meta_server-tag").map(String::as_str), Some("events"));
    assert_eq!(created.params.get("maxParticipants").map(String::as_str), Some("80"));
    move_to(&w.app, start + 2 * 3600);
    w.app.run_job("provisioning").await;
    w.app.clock.advance(11);
    second.run_job("provisioning").await;
    assert_eq!(sends(&w.app, "hook_after").await, 1, "after it ends, once");
    for _ in 0..5 {
        if seen.lock().unwrap().len() == 3 {
            break;
        }
        w.app.clock.advance(11);
        w.app.run_job("webhooks").await;
        second.run_job("webhooks").await;
    }
    assert_eq!(seen.lock().unwrap().len(), 3, "the refused call, its retry, and the call after");
    let after: Value = serde_json::from_str(&seen.lock().unwrap().last().unwrap().1).unwrap();
    assert_eq!(after["phase"], "after");
}
on_both_databases!(the_provisioning_hook_is_called_once_before_and_after_an_approved_event);

async fn set_zone(b: &Browser, name: &str, zone: &str) {
    b.call("accounts/profile", &[("name", name), ("language", "en"), ("time_zone", zone)]).await.ok();
}

async fn invitations_and_the_feed_read_back_field_by_field_across_a_clock_change(db: Db) {
    let w = world(db).await;
    set_zone(&w.ann, "Ann", "Europe/Berlin").await;
    // Mondays at 10:00 in Berlin, from two weeks before summer time starts (2027-03-28).
    let series = book(
        &w.ann,
        &w.room,
        "2027-03-15",
        "10:00",
        "60",
        "5",
        &[("every_weeks", "1"), ("count", "4"), ("invitees", "guest@example.org")],
    )
    .await;
    let series = id_of(&series);
    let mail = w.app.sink.wait_for("guest@example.org", 1).await;
    let invite = read_ical(&mail.data);
    assert_eq!(invite["part"]["method"], "REQUEST");
    assert_eq!(invite["method"], "REQUEST");
    assert_eq!(invite["timezones"], serde_json::json!(["Europe/Berlin"]));
    let master = &invite["events"][0];
    assert_eq!(master["summary"], "Meeting");
    assert_eq!(master["start"]["local"], "2027-03-15T10:00:00");
    assert_eq!(master["start"]["tzid"], "Europe/Berlin");
    assert_eq!(master["start"]["utc"], 1_805_101_200, "09:00 UTC in winter, by the file's own VTIMEZONE");
    assert_eq!(master["rrule"]["FREQ"], serde_json::json!(["WEEKLY"]));
    assert_eq!(master["rrule"]["COUNT"], serde_json::json!(["4"]));
    assert_eq!(master["attendees"], serde_json::json!(["mailto:guest@example.org"]));
    assert!(master["organizer"].as_str().unwrap().contains("ann@example.coop"));
    assert!(master["location"].as_str().unwrap().ends_with(&format!("/r/{}", w.room)));
    let uid = master["uid"].as_str().unwrap().to_string();
    // Move the third occurrence (the first in summer time) to 14:00: an override with its RECURRENCE-ID.
    let page = w.ann.call("schedule/booking", &[("id", &series)]).await;
    let third = page.ok()["series"][2]["id"].as_i64().unwrap().to_string();
    let form = [
        ("id", third.as_str()),
        ("room", &w.room),
        ("title", "Meeting"),
        ("date", "2027-03-29"),
        ("time", "14:00"),
        ("duration", "60"),
        ("participants", "5"),
        ("invitees", "guest@example.org"),
    ];
    w.ann.call("schedule/edit", &form).await.ok();
    let update = read_ical(&w.app.sink.wait_for("guest@example.org", 2).await.data);
    let events = update["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| e["uid"] == uid.as_str() && e["sequence"] == 1), "{events:?}");
    let moved = &events[1];
    assert_eq!(moved["recurrence_id"]["local"], "2027-03-29T10:00:00");
    assert_eq!(moved["start"]["local"], "2027-03-29T14:00:00");
    assert_eq!(moved["start"]["utc"], 1_806_321_600, "12:00 UTC: summer time by the VTIMEZONE");
    // Cancel the last one: a CANCEL for that occurrence alone.
    let fourth = page.ok()["series"][3]["id"].as_i64().unwrap().to_string();
    w.ann.call("schedule/cancel", &[("id", &fourth)]).await.ok();
    let cancel = read_ical(&w.app.sink.wait_for("guest@example.org", 3).await.data);
    assert_eq!(cancel["method"], "CANCEL");
    assert_eq!(cancel["events"][0]["recurrence_id"]["local"], "2027-04-05T10:00:00");
    assert_eq!(cancel["events"][0]["status"], "CANCELLED");
    assert_eq!(cancel["events"][0]["sequence"], 2);
    // The feed: the series with its exception and its override, in Berlin time.
    let feed_url = w.ann.call("schedule/page", &[("week", "0")]).await.ok()["feed"].as_str().unwrap().to_string();
    let answer = reqwest::get(&feed_url).await.unwrap();
    assert_eq!(answer.headers()["content-type"], "text/calendar; charset=utf-8");
    let feed = read_ical(&answer.text().await.unwrap());
    assert_eq!(feed["method"], "PUBLISH");
    let master = &feed["events"][0];
    assert_eq!(master["exdates"], serde_json::json!([{ "local": "2027-04-05T10:00:00" }]));
    assert_eq!(feed["events"][1]["start"]["local"], "2027-03-29T14:00:00");
    // The guest has no account: nothing of theirs here. A new address stops the old one.
    w.ann.call("schedule/feed_reset", &[]).await.ok();
    assert_eq!(reqwest::get(&feed_url).await.unwrap().status(), 404);
    let wrong = feed_url.replace(".ics", "x.ics");
    assert_eq!(reqwest::get(&wrong).await.unwrap().status(), 404);
}
on_both_databases!(invitations_and_the_feed_read_back_field_by_field_across_a_clock_change);
