//! What scheduling tells people, checked against what happened: the edit form's times are the
//! editor's, an unchanged save tells no one, a changed occurrence's mail names it at its new time,
//! an event waiting for approval does not claim its invitations went (and names its requester to
//! the admins), and invitees come into a
//! room with an access code through their invitation's link (and only while it is booked).
use crate::on_both_databases;
use crate::rooms::settings;
use crate::schedule::{book, id_of, starts_at, world};
use crate::support::database::Db;
use crate::support::{Browser, TestApp};

async fn set_zone(b: &Browser, zone: &str) {
    b.call("accounts/profile", &[("name", "Ann"), ("language", "en"), ("time_zone", zone)]).await.ok();
}

fn utc(text: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(text).unwrap().timestamp()
}

/// The edit form's fields, as the page filled them, with `changes`.
fn edit_form(page: &serde_json::Value, id: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let form = &page["form"];
    let mut fields: Vec<(String, String)> =
        ["room", "title", "description", "date", "time", "duration", "participants"]
            .iter()
            .map(|k| (k.to_string(), form[*k].as_str().unwrap().to_string()))
            .collect();
    fields.push(("invitees".into(), form["invitees"].as_str().unwrap().to_string()));
    fields.push(("id".into(), id.to_string()));
    for (k, v) in changes {
        fields.retain(|(key, _)| key != k);
        fields.push((k.to_string(), v.to_string()));
    }
    fields
}

async fn save(b: &Browser, app: &TestApp, id: &str, fields: &[(String, String)]) -> String {
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let referer = format!("{}/schedule/{id}", app.base);
    let answer = b.post_without_javascript("schedule/edit", &referer, &form).await;
    assert_eq!(answer.status(), 302);
    answer.headers()["location"].to_str().unwrap().to_string()
}

async fn an_edit_shows_and_reads_times_in_the_editors_zone_and_tells_what_changed(db: Db) {
    let w = world(db).await;
    // Booked while Ann's zone was UTC: 11:00 UTC is 12:00 in Berlin (winter).
    let booked = book(&w.ann, &w.room, "2027-01-12", "11:00", "60", "5", &[("invitees", "guest@example.org")]).await;
    let id = id_of(&booked);
    w.app.sink.wait_for("guest@example.org", 1).await;
    set_zone(&w.ann, "Europe/Berlin").await;
    let page = w.ann.call("schedule/booking", &[("id", &id)]).await.ok().clone();
    assert_eq!(page["zone"], "Europe/Berlin", "the form says which zone its times are in");
    assert_eq!((page["form"]["date"].as_str(), page["form"]["time"].as_str()), (Some("2027-01-12"), Some("12:00")));
    // Saved as it is: nothing changes and nobody hears of it.
    let location = save(&w.ann, &w.app, &id, &edit_form(&page, &id, &[])).await;
    assert!(location.ends_with("?unchanged=1"), "{location}");
    assert_eq!(starts_at(&w.app, &id).await, utc("2027-01-12T11:00:00Z"));
    // Typed 14:00 in Berlin is 13:00 UTC, and the invitee is told the new time.
    let location = save(&w.ann, &w.app, &id, &edit_form(&page, &id, &[("time", "14:00")])).await;
    assert!(location.ends_with("?saved=1"), "{location}");
    assert_eq!(starts_at(&w.app, &id).await, utc("2027-01-12T13:00:00Z"));
    let update = w.app.sink.wait_for("guest@example.org", 2).await.decoded();
    assert!(update.contains("Subject: Changed:") && update.contains("14:00"), "{update}");
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE recipient = $1")
        .bind("guest@example.org")
        .fetch_one(&w.app.pool)
        .await
        .unwrap();
    assert_eq!(queued, 2, "the invitation and one change: the unchanged save queued nothing");
}
on_both_databases!(an_edit_shows_and_reads_times_in_the_editors_zone_and_tells_what_changed);

async fn a_moved_occurrences_mail_names_it_at_its_new_time(db: Db) {
    let w = world(db).await;
    let extra = [("invitees", "guest@example.org"), ("every_weeks", "3"), ("count", "2")];
    let series = id_of(&book(&w.ann, &w.room, "2027-12-08", "10:00", "60", "5", &extra).await);
    w.app.sink.wait_for("guest@example.org", 1).await;
    let page = w.ann.call("schedule/booking", &[("id", &series)]).await.ok().clone();
    let second = page["series"][1]["id"].as_i64().unwrap().to_string();
    let page = w.ann.call("schedule/booking", &[("id", &second)]).await.ok().clone();
    assert_eq!(page["form"]["date"], "2027-12-29");
    save(&w.ann, &w.app, &second, &edit_form(&page, &second, &[("time", "16:00")])).await;
    let update = w.app.sink.wait_for("guest@example.org", 2).await.decoded();
    let subject = update.lines().find(|l| l.starts_with("Subject:")).unwrap().to_string();
    assert!(subject.contains("29") && subject.contains("16:00") && !subject.contains(" 8 "), "{subject}");
}
on_both_databases!(a_moved_occurrences_mail_names_it_at_its_new_time);

async fn an_event_waiting_for_approval_does_not_say_its_invitations_went(db: Db) {
    let w = world(db).await;
    let referer = format!("{}/schedule/new", w.app.base);
    let form = [
        ("room", w.room.as_str()),
        ("title", "Assembly"),
        ("description", ""),
        ("date", "2027-02-02"),
        ("time", "18:00"),
        ("duration", "60"),
        ("participants", "60"),
        ("invitees", "guest@example.org"),
    ];
    let answer = w.ann.post_without_javascript("schedule/book", &referer, &form).await;
    let location = answer.headers()["location"].to_str().unwrap().to_string();
    assert!(location.ends_with("?requested=1"), "an event of 60 waits for an admin: {location}");
    let page = w.ann.get_html(&location).await.text().await.unwrap();
    assert!(page.contains("waits for an admin") && !page.contains("have been sent"), "{page}");
    assert_eq!(w.app.sink.count_to("guest@example.org"), 0);
    // The admin deciding sees who asked, and where to write to them.
    let waiting = w.admin.call("schedule/admin", &[]).await.ok()["waiting"].clone();
    assert_eq!(waiting[0]["booker"], "Ann <ann@example.coop>");
    let page = w.admin.get_html("/admin/schedule").await.text().await.unwrap();
    assert!(page.contains("Requested by Ann &lt;ann@example.coop&gt;"), "{page}");
    let mut plain = form;
    plain[6] = ("participants", "5");
    plain[7] = ("invitees", "");
    let answer = w.ann.post_without_javascript("schedule/book", &referer, &plain).await;
    assert!(answer.headers()["location"].to_str().unwrap().ends_with("?booked=1"), "no invitees, no invitations said");
}
on_both_databases!(an_event_waiting_for_approval_does_not_say_its_invitations_went);

/// The pass in the newest invitation's link to `to`.
async fn pass_for(app: &TestApp, to: &str, n: usize) -> String {
    let mail = app.sink.wait_for(to, n).await.decoded();
    let at = mail.find("?invite=").expect("an invitation link with a pass") + "?invite=".len();
    mail[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').collect()
}

async fn join(b: &Browser, slug: &str, name: &str, code: &str, pass: &str) -> crate::support::Answer {
    b.call("meetings/join", &[("slug", slug), ("name", name), ("access_code", code), ("invite", pass)]).await
}

async fn invitees_come_into_a_room_with_a_code_through_their_link_while_it_is_booked(db: Db) {
    let w = world(db).await;
    w.ann.call("rooms/settings", &settings(&w.room, "eu", &[("viewer_code", "secret-1")])).await.ok();
    let start = (w.app.clock.now().secs() / 3600 + 3) * 3600;
    let at = chrono::DateTime::from_timestamp(start, 0).unwrap();
    let (date, time) = (at.format("%Y-%m-%d").to_string(), at.format("%H:%M").to_string());
    let extra = [("invitees", "guest@example.org, other@example.org")];
    let id = id_of(&book(&w.ann, &w.room, &date, &time, "60", "5", &extra).await);
    let page = w.ann.get_html(&format!("/schedule/{id}")).await.text().await.unwrap();
    assert!(page.contains("data-testid=\"code-note\""), "the booker is told how invitees come in");
    let pass = pass_for(&w.app, "guest@example.org", 1).await;
    let guest = w.app.browser();
    // Too early: the pass does not stand in for the code yet, and says so.
    assert_eq!(join(&guest, &w.room, "Guest", "", &pass).await.field("access_code"), "field.access_code.pass_not_now");
    // Five minutes before the start the owner has not come yet: the invitee starts it.
    w.app.clock.advance(start - 300 - w.app.clock.now().secs());
    w.sign_in_again().await;
    let url = join(&guest, &w.room, "Guest", "", &pass).await;
    let url = url.ok().as_str().unwrap().to_string();
    assert!(url.contains("/join?"), "in, without the code: {url}");
    assert_eq!(crate::support::query_of(&url)["role"], "VIEWER", "a pass is never the moderator code");
    // A pass altered, or one for another room, is no pass.
    let forged = format!("{}0", &pass[..pass.len() - 1]);
    let forged = if forged == pass { format!("{}1", &pass[..pass.len() - 1]) } else { forged };
    assert_eq!(
        join(&guest, &w.room, "Guest", "", &forged).await.field("access_code"),
        "field.access_code.pass_not_now"
    );
    let other = crate::rooms::create(&w.ann, "Side room").await;
    w.ann.call("rooms/settings", &settings(&other, "eu", &[("viewer_code", "secret-2")])).await.ok();
    assert_eq!(join(&guest, &other, "Guest", "", &pass).await.field("access_code"), "field.access_code.pass_not_now");
    // Taken off the invitees, the pass ends with the invitation.
    let page = w.ann.call("schedule/booking", &[("id", &id)]).await.ok().clone();
    save(&w.ann, &w.app, &id, &edit_form(&page, &id, &[("invitees", "other@example.org")])).await;
    assert_eq!(join(&guest, &w.room, "Guest", "", &pass).await.field("access_code"), "field.access_code.pass_not_now");
    // After the end, the code is needed again, even by a current invitee.
    let kept = pass_for(&w.app, "other@example.org", 2).await;
    assert!(join(&w.app.browser(), &w.room, "Other", "", &kept).await.ok().as_str().unwrap().contains("/join?"));
    w.app.clock.advance(start + 3601 - w.app.clock.now().secs());
    assert_eq!(
        join(&w.app.browser(), &w.room, "Other", "", &kept).await.field("access_code"),
        "field.access_code.pass_not_now"
    );
}
on_both_databases!(invitees_come_into_a_room_with_a_code_through_their_link_while_it_is_booked);

/// A room's card on the dashboard says at a glance what a member needs: the meeting's state, the
/// next booking, where it is hosted and whether that is healthy, and the start button.
async fn a_rooms_card_shows_its_next_booking_and_where_it_is_hosted(db: Db) {
    let w = world(db).await;
    let id = id_of(&book(&w.ann, &w.room, "2027-01-12", "11:00", "60", "5", &[]).await);
    let cards = w.ann.call("pages/dashboard", &[]).await.ok().clone();
    let card = &cards[0];
    assert_eq!(card["slug"], w.room.as_str());
    assert_eq!(card["next"][0].as_i64().unwrap().to_string(), id);
    assert_eq!(card["region_state"], "unknown", "not checked yet: no poll has run");
    let page = w.ann.get_html("/dashboard").await.text().await.unwrap();
    let card = page.split("data-testid=\"room-card\"").nth(1).expect("a card");
    assert!(card.contains(&format!("href=\"/schedule/{id}\"")), "{card}");
    assert!(card.contains("Meetings are hosted in eu") && card.contains("badge state-unknown"), "{card}");
    assert!(card.contains("Start meeting"), "{card}");
}
on_both_databases!(a_rooms_card_shows_its_next_booking_and_where_it_is_hosted);
