//! Each room's history: its meetings' start, end, length and most participants at once, from what
//! the portal already sees (its start, the end, the monitoring poll's counts), and the members who
//! asked on the join form to be listed. Only the room's managers read it.
use crate::on_both_databases;
use crate::rooms::{create, with_regions};
use crate::support::database::Db;
use crate::support::{Browser, TestApp};
use serde_json::Value;

const PW: &str = "correct horse battery";

/// Goes into the room's meeting by the address the portal gave.
async fn arrive(answer: &crate::support::Answer) {
    let url = answer.ok().as_str().expect("the meeting's address").to_string();
    reqwest::get(&url).await.unwrap().error_for_status().unwrap();
}

async fn history(b: &Browser, slug: &str) -> Value {
    b.call("rooms/page", &[("slug", slug)]).await.ok()["history"].clone()
}

async fn a_room_keeps_its_meetings_and_who_asked_to_be_listed(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let bob = app.member("Bob", "bob@example.coop", PW).await;
    let cy = app.member("Cy", "cy@example.coop", PW).await;
    let slug = create(&ann, "Reading group").await;
    assert_eq!(history(&ann, &slug).await, serde_json::json!([]));

    // Ann starts it and asks to be listed; Bob asks too, Cy does not, a guest cannot.
    arrive(&ann.call("meetings/start", &[("slug", &slug), ("list_me", "on")]).await).await;
    let started = app.clock.now().secs();
    arrive(&bob.call("meetings/join", &[("slug", &slug), ("list_me", "on")]).await).await;
    arrive(&bob.call("meetings/join", &[("slug", &slug), ("list_me", "on")]).await).await;
    arrive(&cy.call("meetings/join", &[("slug", &slug)]).await).await;
    let guest = app.browser();
    arrive(&guest.call("meetings/join", &[("slug", &slug), ("name", "Gus"), ("list_me", "on")]).await).await;

    // The poll counts five (Bob twice): the most at once.
    app.clock.advance(60);
    app.run_job("monitor").await.expect("the monitor's lease");
    let running = history(&ann, &slug).await;
    assert_eq!(running[0]["ended"], Value::Null);
    assert_eq!(running[0]["peak"], 5);

    // Ended from the room's page 30 minutes after the start.
    app.clock.advance(29 * 60);
    ann.call("meetings/end", &[("slug", &slug)]).await.ok();
    let past = history(&ann, &slug).await;
    assert_eq!(past.as_array().unwrap().len(), 1);
    let region: String = sqlx::query_scalar("SELECT region_code FROM rooms WHERE slug = $1")
        .bind(&slug)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!((&past[0]["minutes"], &past[0]["region"], &past[0]["peak"]), (&30.into(), &region.into(), &5.into()));
    assert_eq!(past[0]["attendees"], serde_json::json!(["Ann", "Bob"]), "once each, and only those who asked");
    let ended: i64 = sqlx::query_scalar("SELECT ended_at FROM meeting_runs").fetch_one(&app.pool).await.unwrap();
    assert_eq!(ended - started, 30 * 60);

    // Only those who manage the room read it.
    assert_eq!(history(&bob, &slug).await, serde_json::json!([]));
    assert_eq!(history(&guest, &slug).await, serde_json::json!([]));

    // A second meeting, ended by the poll finding it gone (its callback never came): newest first.
    app.clock.advance(3600);
    arrive(&ann.call("meetings/start", &[("slug", &slug)]).await).await;
    let meeting = app.meeting_id(&slug).await;
    let gone = fake.state().meetings.remove(&meeting).unwrap();
    app.clock.advance(600);
    app.run_job("monitor").await.expect("the monitor's lease");
    let both = history(&ann, &slug).await;
    assert_eq!(both.as_array().unwrap().len(), 2);
    assert_eq!((&both[0]["minutes"], &both[0]["attendees"]), (&10.into(), &serde_json::json!([])));
    assert_eq!(both[1]["attendees"], serde_json::json!(["Ann", "Bob"]));

    // The balancer had only left it out of one answer: the next start finds the same meeting
    // (a duplicate create), and its history runs on rather than a new one beginning.
    fake.state().meetings.insert(meeting.clone(), gone);
    arrive(&ann.call("meetings/start", &[("slug", &slug)]).await).await;
    let reopened = history(&ann, &slug).await;
    assert_eq!(reopened.as_array().unwrap().len(), 2);
    assert_eq!(reopened[0]["ended"], Value::Null);
}
on_both_databases!(a_room_keeps_its_meetings_and_who_asked_to_be_listed);

/// Two portal processes starting the same meeting at once record one meeting.
async fn two_processes_record_one_meeting(db: Db) {
    let a = TestApp::spawn(db).await;
    let _fake = with_regions(&a).await;
    let b = TestApp::spawn_on(&a.database_url, a.clock.clone()).await;
    let ann_a = a.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann_a, "Board").await;
    let ann_b = b.browser();
    ann_b.login("ann@example.coop", PW).await.ok();
    let form = [("slug", slug.as_str()), ("list_me", "on")];
    let (one, two) = tokio::join!(ann_a.call("meetings/start", &form), ann_b.call("meetings/start", &form));
    one.ok();
    two.ok();
    let runs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meeting_runs").fetch_one(&a.pool).await.unwrap();
    let listed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meeting_attendees").fetch_one(&a.pool).await.unwrap();
    assert_eq!((runs, listed), (1, 1));
}
on_both_databases!(two_processes_record_one_meeting);
