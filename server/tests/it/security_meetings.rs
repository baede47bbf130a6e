//! The security review's meeting points: codes counted and compared in constant time, everyone
//! but the room's managers admitted the same way, a waiting admission checked again, an end
//! callback that cannot be replayed, and a region that stays while its meeting runs.
use crate::on_both_databases;
use crate::rooms::{create, settings, with_regions};
use crate::support::database::Db;
use crate::support::query_of;
use crate::support::{Browser, TestApp};
use app::error::AppError;

const PW: &str = "correct horse battery";

/// A guest whose requests reach the portal through a trusted proxy that saw `address`.
async fn join_from(app: &TestApp, address: &str, slug: &str, code: &str) -> (u16, Result<serde_json::Value, AppError>) {
    let response = reqwest::Client::new()
        .post(format!("{}/api/meetings/join", app.base))
        .header("x-forwarded-for", format!("6.6.6.6, {address}"))
        .form(&[("slug", slug), ("name", "Guesser"), ("access_code", code)])
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let failed = response.headers().contains_key("serverfnerror");
    let body = response.text().await.unwrap();
    let result = if failed { Err(serde_json::from_str(&body).unwrap()) } else { Ok(serde_json::Value::String(body)) };
    (status, result)
}

async fn moderator_codes_are_counted_per_address_and_per_room(db: Db) {
    let app = TestApp::spawn_with(db, |c| {
        c.trusted_proxies = app::client_address::TrustedProxies::parse("127.0.0.1").unwrap();
    })
    .await;
    with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Board").await;
    // Only a moderator code: before the fix, wrong guesses of it were never counted.
    ann.call("rooms/settings", &settings(&slug, "eu", &[("moderator_code", "chair-42x")])).await.ok();
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();

    for _ in 0..10 {
        let (status, result) = join_from(&app, "198.51.100.1", &slug, "guess-0000").await;
        assert_eq!(status, 422);
        assert!(matches!(result, Err(AppError::Invalid(_))));
    }
    let (status, result) = join_from(&app, "198.51.100.1", &slug, "chair-42x").await;
    assert_eq!(
        (status, result.unwrap_err()),
        (429, AppError::RateLimited { minutes: 15 }),
        "even the right code waits"
    );

    // A guesser spread over many addresses meets the room's own limit (60 in all).
    for n in 2..=11 {
        for _ in 0..5 {
            assert_eq!(join_from(&app, &format!("198.51.100.{n}"), &slug, "guess-1111").await.0, 422);
        }
    }
    let (status, _) = join_from(&app, "203.0.113.50", &slug, "chair-42x").await;
    assert_eq!(status, 429, "a fresh address is held back too once the room's limit is reached");
    // The limit passes with time (the clock, not a sleep).
    app.clock.advance(16 * 60);
    let (status, result) = join_from(&app, "203.0.113.50", &slug, "chair-42x").await;
    assert_eq!(status, 200, "{result:?}");
    assert_eq!(query_of(result.unwrap().as_str().unwrap())["role"], "MODERATOR");
}
on_both_databases!(moderator_codes_are_counted_per_address_and_per_room);

async fn new_codes_are_six_characters_and_legacy_codes_stay(db: Db) {
    let app = TestApp::spawn(db).await;
    with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Board").await;
    let short = ann.call("rooms/settings", &settings(&slug, "eu", &[("viewer_code", "12345")])).await;
    assert_eq!(short.field("viewer_code"), "field.access_code.invalid");
    // A code set before the rule (or imported) keeps working while it is not changed.
    sqlx::query("UPDATE rooms SET viewer_code = '1234'").execute(&app.pool).await.unwrap();
    ann.call("rooms/settings", &settings(&slug, "eu", &[("viewer_code", "1234"), ("welcome", "Hi")])).await.ok();
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    let guest = app.browser();
    let joined = guest.call("meetings/join", &[("slug", &slug), ("name", "Gus"), ("access_code", "1234")]).await;
    assert_eq!(query_of(joined.ok().as_str().unwrap())["role"], "VIEWER");
}
on_both_databases!(new_codes_are_six_characters_and_legacy_codes_stay);

/// A member who neither owns nor co-owns a room where anyone may start.
async fn stranger_room(app: &TestApp) -> (Browser, Browser, String) {
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Open room").await;
    let extra = [("anyone_can_start", "on"), ("viewer_code", "letmein1"), ("moderator_code", "chair-42")];
    ann.call("rooms/settings", &settings(&slug, "eu", &extra)).await.ok();
    let bob = app.member("Bob", "bob@example.coop", PW).await;
    (ann, bob, slug)
}

async fn anyone_may_start_goes_through_the_same_admission(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let (_ann, bob, slug) = stranger_room(&app).await;
    let page = bob.call("rooms/page", &[("slug", &slug)]).await.ok().clone();
    assert_eq!((page["can_start"].as_bool(), page["starts_on_join"].as_bool()), (Some(false), Some(true)));
    // The start endpoint is for the room's managers: it no longer hands out moderator links.
    assert_eq!(bob.call("meetings/start", &[("slug", &slug)]).await.err(), &AppError::Forbidden);
    assert_eq!(fake.count("create"), 0);
    let no_code = bob.call("meetings/join", &[("slug", &slug)]).await;
    assert_eq!(no_code.field("access_code"), "field.access_code.required");
    assert_eq!(fake.count("create"), 0, "nothing starts before admission");
    // With the viewer code Bob starts the meeting, as a viewer.
    let joined = bob.call("meetings/join", &[("slug", &slug), ("access_code", "letmein1")]).await;
    let url = joined.ok().as_str().unwrap().to_string();
    assert_eq!((query_of(&url)["role"].as_str(), fake.count("create")), ("VIEWER", 1));
    let chair = app.member("Cy", "cy@example.coop", PW).await;
    let joined = chair.call("meetings/join", &[("slug", &slug), ("access_code", "chair-42")]).await;
    assert_eq!(query_of(joined.ok().as_str().unwrap())["role"], "MODERATOR", "the moderator code makes a moderator");
}
on_both_databases!(anyone_may_start_goes_through_the_same_admission);

async fn a_waiting_admission_is_checked_again_when_the_meeting_starts(db: Db) {
    let app = TestApp::spawn(db).await;
    with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Board").await;
    ann.call("rooms/settings", &settings(&slug, "eu", &[("viewer_code", "letmein1")])).await.ok();
    let guest = app.browser();
    let waiting = guest.call("meetings/join", &[("slug", &slug), ("name", "Gus"), ("access_code", "letmein1")]).await;
    assert_eq!(waiting.headers["location"], format!("/r/{slug}/wait"));
    // While Gus waits, the owner changes the code (the old one leaked, say).
    ann.call("rooms/settings", &settings(&slug, "eu", &[("viewer_code", "new-code-9")])).await.ok();
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    let back = guest.get(&format!("/r/{slug}/join")).await;
    assert_eq!(back.headers()["location"], format!("/r/{slug}"), "asked for the new code, not let in");
    let again = guest.get(&format!("/r/{slug}/join")).await;
    assert_eq!(again.headers()["location"], format!("/r/{slug}"), "the stale admission is gone");
}
on_both_databases!(a_waiting_admission_is_checked_again_when_the_meeting_starts);

async fn the_end_callback_cannot_be_replayed(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Board").await;
    let running = || async { app.browser().call("rooms/page", &[("slug", &slug)]).await.ok()["running"].clone() };
    let callback_of_last_create = || {
        let call = fake.calls().into_iter().rev().find(|c| c.name == "create").unwrap();
        query_of(&format!("?{}", call.query))["meta_endCallbackUrl"].clone()
    };
    let url = ann.call("meetings/start", &[("slug", &slug)]).await.ok().as_str().unwrap().to_string();
    reqwest::get(&url).await.unwrap(); // Ann's client joins: BBB now says the meeting runs
    let first = callback_of_last_create();
    assert!(first.contains("run=") && first.contains("sig="), "{first}");
    // Called while BBB still runs the meeting (a leaked or replayed URL): nothing happens.
    assert_eq!(reqwest::get(&first).await.unwrap().status(), 200);
    assert_eq!(running().await, true, "the region is asked before a room is marked stopped");
    let forged = first.replace("sig=", "sig=00");
    assert_eq!(reqwest::get(&forged).await.unwrap().status(), 401);

    ann.call("meetings/end", &[("slug", &slug)]).await.ok();
    let url = ann.call("meetings/start", &[("slug", &slug)]).await.ok().as_str().unwrap().to_string();
    reqwest::get(&url).await.unwrap();
    let second = callback_of_last_create();
    assert_ne!(first, second, "each run signs its own callback");
    fake.state().meetings.clear(); // the meeting ends inside BBB without telling anyone
    assert_eq!(reqwest::get(&first).await.unwrap().status(), 200);
    assert_eq!(running().await, true, "an earlier run's callback ends nothing");
    assert_eq!(reqwest::get(&second).await.unwrap().status(), 200);
    assert_eq!(running().await, false, "this run's callback, confirmed by the region, does");
}
on_both_databases!(the_end_callback_cannot_be_replayed);

async fn a_running_meeting_keeps_its_region(db: Db) {
    let app = TestApp::spawn(db).await;
    with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Board").await;
    ann.call("rooms/settings", &settings(&slug, "eu", &[])).await.ok();
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    let moved = ann.call("rooms/settings", &settings(&slug, "ca", &[])).await;
    assert_eq!(moved.field("region"), "field.region.running");
    ann.call("meetings/end", &[("slug", &slug)]).await.ok();
    ann.call("rooms/settings", &settings(&slug, "ca", &[])).await.ok();
}
on_both_databases!(a_running_meeting_keeps_its_region);
