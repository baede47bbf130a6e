//! Scheduling's promises to people who did not book: invitations are limited per member and name
//! nobody but the organiser and the invitee; what an admin approved is what runs; only the room's
//! managers change its bookings; a calendar feed is stored as a digest and stops with its member.
use crate::on_both_databases;
use crate::schedule::{PW, World, book, day, id_of, world, world_with};
use crate::schedule_day::read_ical;
use crate::support::database::Db;
use app::error::AppError;
use serde_json::json;

async fn count(w: &World, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql).bind(bind).fetch_one(&w.app.pool).await.unwrap()
}

async fn bookings(w: &World) -> i64 {
    count(w, "SELECT COUNT(*) FROM bookings WHERE title <> $1", "").await
}

async fn mails_to(w: &World, who: &str) -> i64 {
    count(w, "SELECT COUNT(*) FROM mail_outbox WHERE recipient = $1", who).await
}

async fn invitations_are_limited_per_member_and_each_file_names_one_invitee(db: Db) {
    let w = world_with(db, |c| {
        c.schedule.invitations_per_hour = 3;
        c.schedule.invitations_per_day = 5;
    })
    .await;
    let d = day(&w.app, 5);
    let invite = |time: &'static str, people: &'static str, invitees: &'static str| {
        let (ann, room, d) = (&w.ann, w.room.clone(), d.clone());
        async move { book(ann, &room, &d, time, "60", people, &[("invitees", invitees)]).await }
    };
    id_of(&invite("09:00", "5", "one@example.org, two@example.org").await);
    // Each invitee's file names the organiser and that invitee, nobody else.
    for (who, other) in [("one@example.org", "two@example.org"), ("two@example.org", "one@example.org")] {
        let mail = w.app.sink.wait_for(who, 1).await;
        let file = read_ical(&mail.data);
        assert_eq!(file["events"][0]["attendees"], json!([format!("mailto:{who}")]));
        assert!(file["events"][0]["organizer"].as_str().unwrap().contains("ann@example.coop"));
        assert!(!mail.data.contains(other), "{who}'s invitation names {other}");
    }
    // A booking that is not saved (more than the region takes) does not use the allowance.
    let refused = invite("10:00", "81", "three@example.org").await;
    assert_eq!(refused.field("participants"), "booking.participants.over_region");
    // Two more would make 4 of 3 this hour: refused next to the invitees, nothing saved or mailed.
    let before = bookings(&w).await;
    let over = invite("11:00", "5", "three@example.org, four@example.org").await;
    assert_eq!(over.field("invitees"), "booking.invitees.rate_limited");
    assert_eq!(bookings(&w).await, before, "nothing of the refused booking is saved");
    assert_eq!(mails_to(&w, "three@example.org").await + mails_to(&w, "four@example.org").await, 0);
    id_of(&invite("12:00", "5", "three@example.org").await);
    // The next hour has room again; the day (3 of 5) has room for two more, not three.
    w.app.clock.advance(3601);
    let day_over = invite("13:00", "5", "five@example.org, six@example.org, seven@example.org").await;
    assert_eq!(day_over.field("invitees"), "booking.invitees.rate_limited");
    id_of(&invite("14:00", "5", "five@example.org, six@example.org").await);
    // A booking without invitees sends nothing and is not limited.
    id_of(&invite("15:00", "5", "").await);
    // The security log has every booking that mailed and every refusal, with how many.
    let log =
        w.admin.call("admin/security_log", &[("kind", "booking.invitations"), ("query", ""), ("page", "0")]).await;
    let mut details: Vec<String> =
        log.ok().as_array().unwrap().iter().map(|e| e["detail"].as_str().unwrap().to_string()).collect();
    details.sort();
    assert_eq!(details.len(), 5, "{details:?}");
    assert!(details[0].starts_with("mailed 1 invitees, booking "), "{details:?}");
    assert!(details[1].starts_with("mailed 2 invitees") && details[2].starts_with("mailed 2 invitees"), "{details:?}");
    assert_eq!(&details[3..], ["refused: 2 invitees over the limit", "refused: 3 invitees over the limit"]);
    let entry = &log.ok()[0];
    assert_eq!(
        (entry["subject"].as_str(), entry["actor"].as_str()),
        (Some("ann@example.coop"), Some("ann@example.coop"))
    );
}
on_both_databases!(invitations_are_limited_per_member_and_each_file_names_one_invitee);

/// Cancelling tells each invitee, and those mails count like invitations: a weekly series
/// cancelled occurrence by occurrence cannot mail its invitees without end.
async fn cancelling_occurrences_counts_toward_the_invitation_limits(db: Db) {
    let w = world_with(db, |c| c.schedule.invitations_per_hour = 6).await;
    let d = day(&w.app, 5);
    let invitees = [("invitees", "one@example.org, two@example.org"), ("every_weeks", "1"), ("count", "10")];
    let series = id_of(&book(&w.ann, &w.room, &d, "09:00", "60", "5", &invitees).await);
    let page = w.ann.call("schedule/booking", &[("id", &series)]).await;
    let ids: Vec<String> = page.ok()["series"].as_array().unwrap().iter().map(|o| o["id"].to_string()).collect();
    assert!(ids.len() >= 4, "{:?}", page.result);
    // Two invitees for the booking, two for each cancellation: the third cancellation is one too many.
    for id in &ids[..2] {
        w.ann.call("schedule/cancel", &[("id", id)]).await.ok();
    }
    let over = w.ann.call("schedule/cancel", &[("id", &ids[2])]).await;
    assert_eq!(over.refusal(), "booking.invitees.rate_limited");
    let third = ids[2].parse::<i64>().unwrap();
    let state: String = sqlx::query_scalar("SELECT state FROM bookings WHERE id = $1")
        .bind(third)
        .fetch_one(&w.app.pool)
        .await
        .unwrap();
    assert_ne!(state, "cancelled", "a refused cancellation changes nothing");
    w.app.clock.advance(3601);
    w.sign_in_again().await;
    w.ann.call("schedule/cancel", &[("id", &ids[2])]).await.ok();
}
on_both_databases!(cancelling_occurrences_counts_toward_the_invitation_limits);

/// The edit form for booking `id` with `title` at `time` on `date`, for 70 participants.
async fn edit(w: &World, id: &str, date: &str, time: &str, title: &str, description: &str) -> crate::support::Answer {
    let form = [
        ("id", id),
        ("room", w.room.as_str()),
        ("title", title),
        ("description", description),
        ("date", date),
        ("time", time),
        ("duration", "120"),
        ("participants", "70"),
        ("invitees", "guest@example.org"),
    ];
    w.ann.call("schedule/edit", &form).await
}

async fn state_of(w: &World, id: &str) -> String {
    w.ann.call("schedule/booking", &[("id", id)]).await.ok()["booking"]["state"].as_str().unwrap().to_string()
}

async fn a_moved_or_renamed_approved_event_waits_for_an_admin_again(db: Db) {
    let w = world(db).await;
    let d = day(&w.app, 20);
    let invitees = [("invitees", "guest@example.org")];
    let event = id_of(&book(&w.ann, &w.room, &d, "15:00", "120", "70", &invitees).await);
    let approve = [("id", event.as_str()), ("decision", "approve"), ("note", "")];
    w.admin.call("schedule/decide", &approve).await.ok();
    assert_eq!(state_of(&w, &event).await, "approved");
    // A new description changes nothing an admin approved.
    let described = edit(&w, &event, &d, "15:00", "Meeting", "The agenda").await;
    assert_eq!(described.headers["location"], format!("/schedule/{event}?saved=1"));
    assert_eq!(state_of(&w, &event).await, "approved");
    // Moved an hour: it waits again, and the page says so.
    let moved = edit(&w, &event, &d, "16:00", "Meeting", "The agenda").await;
    assert_eq!(moved.headers["location"], format!("/schedule/{event}?pending=1"));
    assert_eq!(state_of(&w, &event).await, "requested");
    let waiting = w.admin.call("schedule/admin", &[]).await;
    assert_eq!(waiting.ok()["waiting"][0]["id"].as_i64().unwrap().to_string(), event);
    w.admin.call("schedule/decide", &approve).await.ok();
    assert_eq!(state_of(&w, &event).await, "approved");
    // Renamed: the same.
    edit(&w, &event, &d, "16:00", "Free drinks, click here", "The agenda").await.ok();
    assert_eq!(state_of(&w, &event).await, "requested");
    let page = w.ann.get_html(&format!("/schedule/{event}?pending=1")).await.text().await.unwrap();
    assert!(page.contains("waits for an admin again"), "the page tells the member");
}
on_both_databases!(a_moved_or_renamed_approved_event_waits_for_an_admin_again);

async fn a_booker_who_is_no_longer_a_co_owner_cannot_change_the_rooms_bookings(db: Db) {
    let w = world(db).await;
    let bob = w.app.member("Bob", "bob@example.coop", PW).await;
    w.ann.call("rooms/share", &[("slug", &w.room), ("email", "bob@example.coop")]).await.ok();
    let d = day(&w.app, 4);
    let booking = id_of(&book(&bob, &w.room, &d, "10:00", "60", "5", &[]).await);
    let other = id_of(&book(&bob, &w.room, &d, "12:00", "60", "5", &[]).await);
    bob.call("schedule/cancel", &[("id", &other)]).await.ok();
    let bob_id = w.app.user_id("bob@example.coop").await.to_string();
    w.ann.call("rooms/unshare", &[("slug", &w.room), ("user_id", &bob_id)]).await.ok();
    let form = [
        ("id", booking.as_str()),
        ("room", w.room.as_str()),
        ("title", "Mine still?"),
        ("date", &d),
        ("time", "11:00"),
        ("duration", "60"),
        ("participants", "5"),
        ("invitees", ""),
    ];
    assert_eq!(bob.call("schedule/edit", &form).await.err(), &AppError::Forbidden);
    assert_eq!(bob.call("schedule/cancel", &[("id", &booking)]).await.err(), &AppError::Forbidden);
    // Bob still reads what he booked, without the forms that change it.
    let page = bob.call("schedule/booking", &[("id", &booking)]).await;
    assert_eq!(
        (page.ok()["booking"]["title"].as_str(), page.ok()["booking"]["manages"].as_bool()),
        (Some("Meeting"), Some(false))
    );
    // The room's owner still may.
    w.ann.call("schedule/cancel", &[("id", &booking)]).await.ok();
}
on_both_databases!(a_booker_who_is_no_longer_a_co_owner_cannot_change_the_rooms_bookings);

async fn a_member_books_a_room_for_themselves(db: Db) {
    let w = world(db).await;
    let alone = id_of(&book(&w.ann, &w.room, &day(&w.app, 2), "08:00", "30", "1", &[]).await);
    assert_eq!(w.ann.call("schedule/booking", &[("id", &alone)]).await.ok()["booking"]["participants"], 1);
    let none = book(&w.ann, &w.room, &day(&w.app, 2), "09:00", "30", "0", &[]).await;
    assert_eq!(none.field("participants"), "booking.participants.invalid");
}
on_both_databases!(a_member_books_a_room_for_themselves);

async fn stored_feed_token(w: &World, email: &str) -> Option<String> {
    let id = w.app.user_id(email).await;
    sqlx::query_scalar("SELECT feed_token FROM schedule_members WHERE user_id = $1")
        .bind(id)
        .fetch_optional(&w.app.pool)
        .await
        .unwrap()
        .flatten()
}

async fn a_feed_is_kept_as_a_digest_and_stops_with_its_member(db: Db) {
    let w = world(db).await;
    let bob = w.app.member("Bob", "bob@example.coop", PW).await;
    let page = bob.call("schedule/page", &[("week", "0")]).await;
    let url = page.ok()["feed"].as_str().expect("made and shown on the first visit").to_string();
    let token = url.rsplit('/').next().unwrap().trim_end_matches(".ics").to_string();
    assert_eq!(stored_feed_token(&w, "bob@example.coop").await, Some(app::accounts::service::tokens::digest(&token)));
    assert_eq!(bob.call("schedule/page", &[("week", "0")]).await.ok()["feed"], json!(null), "shown once");
    // A booking Bob is invited to lists him alone as its attendee in his feed.
    let invitees = [("invitees", "bob@example.coop, carol@example.org")];
    id_of(&book(&w.ann, &w.room, &day(&w.app, 3), "10:00", "60", "5", &invitees).await);
    let feed = read_ical(&reqwest::get(&url).await.unwrap().text().await.unwrap());
    assert_eq!(feed["events"][0]["attendees"], json!(["mailto:bob@example.coop"]));
    // A new address is shown once, on the next page.
    bob.call("schedule/feed_reset", &[]).await.ok();
    let url = bob.call("schedule/page", &[("week", "0")]).await.ok()["feed"].as_str().unwrap().to_string();
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 200);
    // Suspended: the feed answers as an unknown address; back again, it works again.
    let bob_id = w.app.user_id("bob@example.coop").await.to_string();
    w.admin.call("admin/account_action", &[("id", &bob_id), ("action", "suspend")]).await.ok();
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 404);
    w.admin.call("admin/account_action", &[("id", &bob_id), ("action", "reactivate")]).await.ok();
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 200);
    bob.login("bob@example.coop", PW).await.ok();
    bob.call("accounts/delete", &[("current_password", PW)]).await.ok();
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 404, "deleted");
    // A token stored in plain text by an earlier version becomes its digest when a process starts;
    // the address keeps working.
    let ann_id = w.app.user_id("ann@example.coop").await;
    let plain = format!("{ann_id}.an-earlier-plain-token");
    sqlx::query("INSERT INTO schedule_members (user_id, feed_token) VALUES ($1, $2)")
        .bind(ann_id)
        .bind(&plain)
        .execute(&w.app.pool)
        .await
        .unwrap();
    let started = crate::support::TestApp::spawn_on(&w.app.database_url, w.app.clock.clone()).await;
    assert_eq!(stored_feed_token(&w, "ann@example.coop").await, Some(app::accounts::service::tokens::digest(&plain)));
    for base in [&w.app.base, &started.base] {
        assert_eq!(reqwest::get(format!("{base}/cal/{plain}.ics")).await.unwrap().status(), 200);
    }
}
on_both_databases!(a_feed_is_kept_as_a_digest_and_stops_with_its_member);

/// Passes once `server/src/http/no_store.rs` marks the feed (a dynamic answer whose name has a dot).
async fn the_feed_is_never_kept_by_a_cache(db: Db) {
    let w = world(db).await;
    let url = w.ann.call("schedule/page", &[("week", "0")]).await.ok()["feed"].as_str().unwrap().to_string();
    let answer = reqwest::get(&url).await.unwrap();
    assert_eq!(answer.status(), 200);
    let kept = answer.headers().get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(kept.contains("no-store"), "Cache-Control: {kept}");
}
on_both_databases!(the_feed_is_never_kept_by_a_cache);
