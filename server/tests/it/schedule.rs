//! Scheduling: the capacity rule at its edges, series and moved occurrences, edits, the racing last
//! seat, events and their approval. Calendars, reminders, the hook and the day itself are in
//! `schedule_day.rs`.
use crate::on_both_databases;
use crate::rooms::{SECRET, create};
use crate::support::database::Db;
use crate::support::{Answer, Browser, TestApp};
use server::fake_bbb::{self, Fake};

pub const PW: &str = "correct horse battery";

pub struct World {
    pub app: TestApp,
    pub fake: Fake,
    pub admin: Browser,
    pub ann: Browser,
    pub room: String,
}

/// Region `code` with `capacity` participants at once, `percent` of them bookable; `eu` is the
/// default region of new rooms.
pub async fn region(admin: &Browser, code: &str, url: &str, capacity: &str, percent: &str) {
    let mut extra = vec![("capacity", capacity), ("bookable_percent", percent), ("event_tag", "events")];
    if code == "eu" {
        extra.push(("is_default", "on"));
    }
    crate::rooms::add_region(admin, code, url, true, "", &extra).await;
}

/// A portal with regions `eu` (its rooms' default) and `ca`, each 100 participants, 80 % bookable,
/// and Ann's room on `eu`.
pub async fn world_with(db: Db, tweak: impl FnOnce(&mut server::config::Config)) -> World {
    let app = TestApp::spawn_with(db, tweak).await;
    let fake = Fake::new(SECRET);
    let url = fake_bbb::spawn(fake.clone()).await.unwrap();
    let admin = app.admin("admin@example.coop").await;
    region(&admin, "eu", &url, "100", "80").await;
    region(&admin, "ca", &url, "100", "80").await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let room = create(&ann, "Assembly hall").await;
    World { app, fake, admin, ann, room }
}

impl World {
    /// Signs Ann and the admin in again after the clock moved past their sessions' idle time.
    pub async fn sign_in_again(&self) {
        self.ann.login("ann@example.coop", PW).await.ok();
        self.admin.login("admin@example.coop", "admin password 1").await.ok();
    }
}

pub async fn world(db: Db) -> World {
    world_with(db, |_| {}).await
}

/// The date `days` from the portal's today, as the form wants it (the member's zone is UTC).
pub fn day(app: &TestApp, days: i64) -> String {
    let at = chrono::DateTime::from_timestamp(app.clock.now().secs() + days * 86_400, 0).unwrap();
    at.format("%Y-%m-%d").to_string()
}

/// The stored start (UTC seconds) of booking `id`.
pub async fn starts_at(app: &TestApp, id: &str) -> i64 {
    sqlx::query_scalar("SELECT starts_at FROM bookings WHERE id = $1")
        .bind(id.parse::<i64>().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Books `people` in `room` on `date` at `time` for `minutes`, plus any `extra` fields.
pub async fn book(
    b: &Browser,
    room: &str,
    date: &str,
    time: &str,
    minutes: &str,
    people: &str,
    extra: &[(&str, &str)],
) -> Answer {
    let mut form = vec![
        ("room", room),
        ("title", "Meeting"),
        ("description", ""),
        ("date", date),
        ("time", time),
        ("duration", minutes),
        ("participants", people),
        ("invitees", ""),
    ];
    for (k, v) in extra {
        form.retain(|(key, _)| key != k);
        form.push((k, v));
    }
    b.call("schedule/book", &form).await
}

pub fn id_of(answer: &Answer) -> String {
    answer.ok().as_i64().expect("a booking id").to_string()
}

async fn the_capacity_rule_holds_at_its_edges(db: Db) {
    let w = world(db).await;
    let d = day(&w.app, 10);
    // 80 of 100 are bookable on eu.
    id_of(&book(&w.ann, &w.room, &d, "10:00", "60", "40", &[]).await);
    id_of(&book(&w.ann, &w.room, &d, "10:00", "60", "40", &[]).await);
    let full = book(&w.ann, &w.room, &d, "10:30", "30", "2", &[]).await;
    assert_eq!(full.field("date"), "booking.full", "every seat of 10:00–11:00 is reserved");
    // A window opens 15 minutes before the start: 11:15 opens at 11:00, as the others end.
    id_of(&book(&w.ann, &w.room, &d, "11:15", "60", "80", &[]).await);
    let early = book(&w.ann, &w.room, &d, "12:29", "30", "2", &[]).await;
    assert_eq!(early.field("date"), "booking.full", "12:29 reserves from 12:14, inside 11:15–12:15");
    id_of(&book(&w.ann, &w.room, &d, "12:30", "30", "80", &[]).await);
    // More than the bookable share at once is named on its own field.
    let huge = book(&w.ann, &w.room, &day(&w.app, 11), "10:00", "60", "81", &[]).await;
    assert_eq!(huge.field("participants"), "booking.participants.over_region");
    // The other region has its own capacity; a past start is refused.
    let elsewhere = book(&w.ann, &w.room, &d, "10:00", "60", "80", &[("region", "ca")]).await;
    assert!(elsewhere.result.is_ok(), "{:?}", elsewhere.result);
    assert_eq!(
        book(&w.ann, &w.room, &day(&w.app, -1), "10:00", "60", "2", &[]).await.field("date"),
        "booking.date.past"
    );
}
on_both_databases!(the_capacity_rule_holds_at_its_edges);

async fn a_series_is_checked_occurrence_by_occurrence_and_one_can_be_moved_or_cancelled(db: Db) {
    let w = world(db).await;
    let first = day(&w.app, 7);
    let series =
        id_of(&book(&w.ann, &w.room, &first, "18:00", "60", "60", &[("every_weeks", "1"), ("count", "4")]).await);
    let third = day(&w.app, 21);
    let clash = book(&w.ann, &w.room, &third, "18:30", "30", "30", &[]).await;
    assert!(clash.field("date") == "booking.full", "the third occurrence holds 60 of 80");
    // Moving the third occurrence to the morning frees its evening.
    let page = w.ann.call("schedule/booking", &[("id", &series)]).await;
    let third_id = page.ok()["series"][2]["id"].as_i64().unwrap().to_string();
    let moved = w
        .ann
        .call(
            "schedule/edit",
            &[
                ("id", &third_id),
                ("room", &w.room),
                ("title", "Meeting"),
                ("date", &third),
                ("time", "09:00"),
                ("duration", "60"),
                ("participants", "60"),
                ("invitees", ""),
            ],
        )
        .await;
    moved.ok();
    id_of(&book(&w.ann, &w.room, &third, "18:30", "30", "30", &[]).await);
    // A series that would collide anywhere is refused whole: nothing of it is saved.
    let second = book(&w.ann, &w.room, &first, "18:00", "60", "30", &[("every_weeks", "1"), ("count", "4")]).await;
    assert_eq!(second.field("date"), "booking.full");
    let schedule = w.ann.call("schedule/page", &[("week", "0")]).await;
    let upcoming = schedule.ok()["upcoming"].as_array().unwrap().len();
    assert_eq!(upcoming, 5, "four occurrences and the evening booking");
    // Cancelling the fourth occurrence alone frees its hour, the others hold.
    let fourth_id = page.ok()["series"][3]["id"].as_i64().unwrap().to_string();
    w.ann.call("schedule/cancel", &[("id", &fourth_id)]).await.ok();
    id_of(&book(&w.ann, &w.room, &day(&w.app, 28), "18:00", "60", "80", &[]).await);
    assert_eq!(book(&w.ann, &w.room, &day(&w.app, 14), "18:00", "60", "30", &[]).await.field("date"), "booking.full");
}
on_both_databases!(a_series_is_checked_occurrence_by_occurrence_and_one_can_be_moved_or_cancelled);

async fn an_edit_is_checked_without_the_booking_itself_and_others_cannot_change_it(db: Db) {
    let w = world(db).await;
    let d = day(&w.app, 3);
    let mine = id_of(&book(&w.ann, &w.room, &d, "10:00", "60", "50", &[]).await);
    id_of(&book(&w.ann, &w.room, &d, "10:00", "60", "30", &[]).await);
    let edit = |people: &'static str, time: &'static str| {
        let (ann, room, d, mine) = (&w.ann, w.room.clone(), d.clone(), mine.clone());
        async move {
            ann.call(
                "schedule/edit",
                &[
                    ("id", &mine),
                    ("room", &room),
                    ("title", "Bigger"),
                    ("date", &d),
                    ("time", time),
                    ("duration", "60"),
                    ("participants", people),
                    ("invitees", ""),
                ],
            )
            .await
        }
    };
    edit("50", "10:30").await.ok();
    assert_eq!(edit("51", "10:30").await.field("date"), "booking.full", "51 + 30 > 80");
    let carl = w.app.member("Carl", "carl@example.coop", PW).await;
    let theirs = carl.call("schedule/cancel", &[("id", &mine)]).await;
    assert!(matches!(theirs.err(), app::error::AppError::Forbidden));
    assert!(matches!(carl.call("schedule/booking", &[("id", &mine)]).await.err(), app::error::AppError::Forbidden));
    let not_theirs = book(&carl, &w.room, &d, "14:00", "60", "2", &[]).await;
    assert!(matches!(not_theirs.err(), app::error::AppError::Forbidden), "only the room's managers book in it");
}
on_both_databases!(an_edit_is_checked_without_the_booking_itself_and_others_cannot_change_it);

/// Two members on two portal processes race for the last 30 seats, many times at once: one wins.
async fn only_one_of_two_racing_members_gets_the_last_seats(db: Db) {
    let w = world(db).await;
    let second = TestApp::spawn_on(&w.app.database_url, w.app.clock.clone()).await;
    let bob_here = w.app.member("Bob", "bob@example.coop", PW).await;
    w.ann.call("rooms/share", &[("slug", &w.room), ("email", "bob@example.coop")]).await.ok();
    let bob = second.browser();
    bob.login("bob@example.coop", PW).await.ok();
    drop(bob_here);
    let d = day(&w.app, 5);
    id_of(&book(&w.ann, &w.room, &d, "09:00", "60", "50", &[]).await);
    let tries = (0..4).map(|n| {
        let (b, room, d) = (if n % 2 == 0 { &w.ann } else { &bob }, w.room.clone(), d.clone());
        async move { book(b, &room, &d, "09:00", "60", "30", &[]).await }
    });
    let answers = futures::future::join_all(tries).await;
    let won = answers.iter().filter(|a| a.result.is_ok()).count();
    assert_eq!(won, 1, "{:?}", answers.iter().map(|a| &a.result).collect::<Vec<_>>());
    for lost in answers.iter().filter(|a| a.result.is_err()) {
        assert_eq!(lost.field("date"), "booking.full");
    }
    let reserved: i64 =
        sqlx::query_scalar("SELECT CAST(SUM(participants) AS BIGINT) FROM bookings WHERE region_code = 'eu'")
            .fetch_one(&w.app.pool)
            .await
            .unwrap();
    assert_eq!(reserved, 80);
}
on_both_databases!(only_one_of_two_racing_members_gets_the_last_seats);

async fn an_event_waits_for_an_admin_and_a_decline_frees_its_seats(db: Db) {
    let w = world(db).await;
    let d = day(&w.app, 20);
    let event = id_of(&book(&w.ann, &w.room, &d, "15:00", "120", "70", &[("invitees", "guest@example.org")]).await);
    let page = w.ann.call("schedule/booking", &[("id", &event)]).await;
    assert_eq!(page.ok()["booking"]["state"], "requested");
    let ask = w.app.sink.wait_for("admin@example.coop", 1).await;
    assert!(ask.decoded().contains("/admin/schedule"), "{}", ask.decoded());
    assert_eq!(w.app.sink.count_to("guest@example.org"), 0, "invitations go once it is approved");
    // While it waits, its seats are held.
    assert_eq!(book(&w.ann, &w.room, &d, "15:00", "60", "20", &[]).await.field("date"), "booking.full");
    let admin_page = w.admin.call("schedule/admin", &[]).await;
    assert_eq!(admin_page.ok()["waiting"][0]["id"].as_i64().unwrap().to_string(), event);
    // The capacity chart: four weeks of hours, the event's 70 at its hour, the event on it.
    let eu = admin_page.ok()["charts"].as_array().unwrap().iter().find(|c| c["code"] == "eu").unwrap().clone();
    let hours = eu["hours"].as_array().unwrap();
    assert_eq!(hours.len(), 28 * 24);
    assert_eq!((eu["capacity"].as_i64(), eu["bookable"].as_i64()), (Some(100), Some(80)));
    assert_eq!(hours.iter().filter_map(|h| h.as_i64()).max(), Some(70));
    assert_eq!(eu["events"][0][2], 70);
    let before = w.app.sink.count_to("ann@example.coop");
    w.admin.call("schedule/decide", &[("id", &event), ("decision", "approve"), ("note", "See you there")]).await.ok();
    let told = w.app.sink.wait_for("ann@example.coop", before + 1).await;
    assert!(told.decoded().contains("See you there"));
    let invited = w.app.sink.wait_for("guest@example.org", 1).await;
    assert!(invited.decoded().contains("METHOD:REQUEST"), "{}", invited.decoded());
    let again = w.admin.call("schedule/decide", &[("id", &event), ("decision", "decline"), ("note", "")]).await;
    assert_eq!(again.refusal(), "booking.not_requested");
    // Another event, declined: its seats are free again.
    let second = id_of(&book(&w.ann, &w.room, &day(&w.app, 21), "15:00", "60", "60", &[]).await);
    w.admin.call("schedule/decide", &[("id", &second), ("decision", "decline"), ("note", "Too big")]).await.ok();
    id_of(&book(&w.ann, &w.room, &day(&w.app, 21), "15:00", "60", "50", &[]).await);
}
on_both_databases!(an_event_waits_for_an_admin_and_a_decline_frees_its_seats);
