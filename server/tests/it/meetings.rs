//! Meetings: start, join (members, guests, access codes, waiting), end, and BBB's end callback —
//! through the fake BBB server.
use crate::on_both_databases;
use crate::rooms::{create, settings, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;
use crate::support::query_of;
use app::error::AppError;
use server::fake_bbb::Mode;

const PW: &str = "correct horse battery";

async fn the_owner_starts_and_lands_in_bbb_as_moderator(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann Lee", "ann@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    ann.call(
        "rooms/settings",
        &settings(&slug, "eu", &[("recording", "on"), ("waiting_room", "on"), ("max_participants", "20")]),
    )
    .await
    .ok();
    // The room records: no join link before its owner, too, says they know.
    let unconsented = ann.call("meetings/start", &[("slug", &slug)]).await;
    assert_eq!(unconsented.field("recording_consent"), "field.recording_consent.required");
    assert_eq!(fake.count("create"), 0);
    let started = ann.call("meetings/start", &[("slug", &slug), ("recording_consent", "on")]).await;
    let url = started.ok().as_str().unwrap().to_string();
    assert_eq!(started.headers["location"], url.as_str());
    let join = query_of(&url);
    assert_eq!((join["fullName"].as_str(), join["role"].as_str()), ("Ann Lee", "MODERATOR"));

    let create_call = fake.calls().into_iter().find(|c| c.name == "create").unwrap();
    let params = query_of(&format!("?{}", create_call.query));
    assert_eq!(params["record"], "true");
    assert_eq!(params["guestPolicy"], "ASK_MODERATOR");
    assert_eq!(params["maxParticipants"], "20");
    assert_eq!(params["logoutURL"], format!("{}/r/{slug}", app.base));
    assert!(params["meta_endCallbackUrl"].starts_with(&format!("{}/bbb/callback/end/{slug}?run=", app.base)));
    assert!(!create_call.query.contains("room-tests-secret"), "the secret is never sent");

    let page = reqwest::get(&url).await.unwrap().text().await.unwrap();
    assert!(page.contains("Ann Lee joined <strong>Assembly</strong>"), "{page}");
    let status = app.browser().call("rooms/page", &[("slug", &slug)]).await.ok().clone();
    assert_eq!(status["running"], true);
    ann.call("meetings/start", &[("slug", &slug), ("recording_consent", "on")]).await.ok();
    assert_eq!(fake.count("create"), 1, "a second start only joins");
}
on_both_databases!(the_owner_starts_and_lands_in_bbb_as_moderator);

async fn guests_join_with_codes_and_wait_for_the_start(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    ann.call("rooms/settings", &settings(&slug, "eu", &[("viewer_code", "letmein"), ("moderator_code", "chair-42")]))
        .await
        .ok();

    let guest = app.browser();
    let view = guest.call("rooms/page", &[("slug", &slug)]).await.ok().clone();
    assert_eq!((view["needs_code"].as_bool(), view["can_start"].as_bool()), (Some(true), Some(false)));
    let no_name = guest.call("meetings/join", &[("slug", &slug), ("name", ""), ("access_code", "letmein")]).await;
    assert_eq!(no_name.field("name"), "field.name.required");
    let no_code = guest.call("meetings/join", &[("slug", &slug), ("name", "Gus")]).await;
    assert_eq!(no_code.field("access_code"), "field.access_code.required");
    let wrong = guest.call("meetings/join", &[("slug", &slug), ("name", "Gus"), ("access_code", "guess")]).await;
    assert_eq!(wrong.field("access_code"), "field.access_code.wrong");

    let waiting = guest.call("meetings/join", &[("slug", &slug), ("name", "Gus"), ("access_code", "letmein")]).await;
    assert_eq!(waiting.headers["location"], format!("/r/{slug}/wait"));
    // A guest's session holds only the admission: it lasts two idle hours, not a session's weeks.
    let cookie = waiting.headers.get("set-cookie").and_then(|c| c.to_str().ok()).unwrap_or_default();
    assert!(cookie.contains("Max-Age=7200"), "the waiting guest's session cookie: {cookie}");
    let wait_page = guest.get(&format!("/r/{slug}/wait")).await.text().await.unwrap();
    assert!(!wait_page.contains("http-equiv=\"refresh\""), "the page never reloads itself");
    assert!(wait_page.contains(&format!("href=\"/r/{slug}/join\"")), "without JavaScript: check now");
    let still = guest.get(&format!("/r/{slug}/join")).await;
    assert_eq!(still.headers()["location"], format!("/r/{slug}/wait").as_str());
    // The page's island asks the same question: not yet, and nobody else may ask for Gus.
    assert_eq!(guest.call("meetings/enter", &[("slug", &slug)]).await.ok(), &serde_json::Value::Null);
    assert_eq!(app.browser().call("meetings/enter", &[("slug", &slug)]).await.status, 403);

    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    let calls_before = fake.calls().len();
    let url = guest.call("meetings/enter", &[("slug", &slug)]).await.ok().as_str().unwrap().to_string();
    let again = guest.get(&format!("/r/{slug}/join")).await;
    assert_eq!(again.headers()["location"], format!("/r/{slug}").as_str(), "the admission was used up");
    let join = query_of(&url);
    assert_eq!((join["fullName"].as_str(), join["role"].as_str(), join["guest"].as_str()), ("Gus", "VIEWER", "true"));

    let chair = app.browser();
    let answer = chair.call("meetings/join", &[("slug", &slug), ("name", "Chair"), ("access_code", "chair-42")]).await;
    assert_eq!(query_of(answer.ok().as_str().unwrap())["role"], "MODERATOR");
    for i in 0..20 {
        let name = format!("Guest {i}");
        app.browser().call("meetings/join", &[("slug", &slug), ("name", &name), ("access_code", "letmein")]).await.ok();
    }
    assert_eq!(fake.calls().len(), calls_before, "joins ask BBB nothing");
}
on_both_databases!(guests_join_with_codes_and_wait_for_the_start);

async fn access_codes_are_rate_limited(db: Db) {
    let app = TestApp::spawn(db).await;
    with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    ann.call("rooms/settings", &settings(&slug, "eu", &[("viewer_code", "letmein")])).await.ok();
    let guest = app.browser();
    for _ in 0..10 {
        guest
            .call("meetings/join", &[("slug", &slug), ("name", "Gus"), ("access_code", "nope")])
            .await
            .field("access_code");
    }
    let limited = guest.call("meetings/join", &[("slug", &slug), ("name", "Gus"), ("access_code", "letmein")]).await;
    assert_eq!((limited.status, limited.err()), (429, &AppError::RateLimited { minutes: 15 }));
}
on_both_databases!(access_codes_are_rate_limited);

async fn sign_in_rooms_and_who_may_start_or_end(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let bob = app.member("Bob", "bob@example.coop", PW).await;
    let eve = app.member("Eve", "eve@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    ann.call("rooms/settings", &settings(&slug, "eu", &[("require_sign_in", "on")])).await.ok();
    ann.call("rooms/share", &[("slug", &slug), ("email", "bob@example.coop")]).await.ok();

    let guest = app.browser();
    assert_eq!(
        guest.call("meetings/join", &[("slug", &slug), ("name", "Gus")]).await.refusal(),
        "meeting.sign_in_required"
    );
    assert_eq!(guest.call("meetings/start", &[("slug", &slug)]).await.status, 401);
    assert_eq!(eve.call("meetings/start", &[("slug", &slug)]).await.status, 403);
    let eve_wait = eve.call("meetings/join", &[("slug", &slug)]).await;
    assert_eq!(eve_wait.headers["location"], format!("/r/{slug}/wait"));

    fake.set_mode(Mode::Down);
    assert_eq!(bob.call("meetings/start", &[("slug", &slug)]).await.refusal(), "bbb.status");
    fake.set_mode(Mode::Up);
    let url = bob.call("meetings/start", &[("slug", &slug)]).await.ok().as_str().unwrap().to_string();
    assert_eq!(query_of(&url)["role"], "MODERATOR", "co-owners start as moderators");
    let eve_in = eve.call("meetings/join", &[("slug", &slug)]).await;
    assert_eq!(query_of(eve_in.ok().as_str().unwrap())["fullName"], "Eve");

    assert_eq!(eve.call("meetings/end", &[("slug", &slug)]).await.status, 403);
    bob.call("meetings/end", &[("slug", &slug)]).await.ok();
    assert_eq!(fake.count("end"), 1);
    assert_eq!(app.browser().call("rooms/page", &[("slug", &slug)]).await.ok()["running"], false);
}
on_both_databases!(sign_in_rooms_and_who_may_start_or_end);

async fn bbb_end_callback_is_verified(db: Db) {
    let app = TestApp::spawn(db).await;
    with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    let forged = app.browser().get(&format!("/bbb/callback/end/{slug}?sig=forged")).await;
    assert_eq!(forged.status(), 401);
    assert_eq!(app.browser().get("/bbb/callback/end/zzz-zzz-zzz-zzz?sig=x").await.status(), 404);

    // A moderator ends the meeting inside BBB: the fake calls the signed URL it was given.
    let meeting_id: String = sqlx::query_scalar("SELECT meeting_id FROM rooms").fetch_one(&app.pool).await.unwrap();
    let region =
        app::bbb::client::Endpoint::new(&region_api_url(&app).await, "room-tests-secret", app::bbb::Algorithm::Sha256);
    let client =
        app::bbb::client::Client::new(std::time::Duration::from_secs(2), std::time::Duration::from_secs(2)).unwrap();
    client.end(&region, &meeting_id).await.unwrap();
    for _ in 0..100 {
        let running: i64 = sqlx::query_scalar("SELECT running FROM rooms").fetch_one(&app.pool).await.unwrap();
        if running == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the end callback did not mark the room stopped");
}
on_both_databases!(bbb_end_callback_is_verified);

async fn region_api_url(app: &TestApp) -> String {
    sqlx::query_scalar("SELECT api_url FROM regions WHERE code = 'eu'").fetch_one(&app.pool).await.unwrap()
}

async fn the_status_check_corrects_running_rooms(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let live = create(&ann, "Live").await;
    let gone = create(&ann, "Gone").await;
    let url = ann.call("meetings/start", &[("slug", &live)]).await.ok().as_str().unwrap().to_string();
    reqwest::get(&url).await.unwrap();
    reqwest::get(&url).await.unwrap();
    sqlx::query("UPDATE rooms SET running = 1 WHERE slug = $1").bind(&gone).execute(&app.pool).await.unwrap();

    let changed = app.run_job("monitor").await.expect("this process holds the lease");
    assert_eq!(changed, 2);
    let rooms: Vec<(String, i64, i64)> = sqlx::query_as("SELECT slug, running, participants FROM rooms ORDER BY name")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(rooms, vec![(gone.clone(), 0, 0), (live.clone(), 1, 2)]);

    fake.set_mode(Mode::Down);
    sqlx::query("UPDATE rooms SET participants = 9 WHERE slug = $1").bind(&live).execute(&app.pool).await.unwrap();
    assert_eq!(
        app.run_job("monitor").await.expect("this process holds the lease"),
        0,
        "a silent region changes nothing"
    );

    // The running portal's own checker holds its lease; another process would be kept out.
    use app::jobs::lease::take;
    let (pool, clock) = (&app.pool, &app.clock);
    app.run_job("monitor").await.expect("this process runs it");
    assert!(!take(pool, clock, "monitor", "other-process", 60).await.unwrap());
    assert!(take(pool, clock, "test_job", "a", 60).await.unwrap());
    assert!(!take(pool, clock, "test_job", "b", 60).await.unwrap(), "one holder at a time");
    assert!(take(pool, clock, "test_job", "a", 60).await.unwrap(), "the holder renews");
    app.clock.advance(61);
    assert!(take(pool, clock, "test_job", "b", 60).await.unwrap(), "an expired lease passes on");
}
on_both_databases!(the_status_check_corrects_running_rooms);

/// A meeting started while the monitoring poll's question was out is missing from the answer
/// because it is new: the poll must not mark it ended (its guests would wait for a running
/// meeting). The poll reads what runs before it asks; a restart in between is left alone.
async fn a_meeting_started_while_the_poll_asks_stays_running(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = crate::rooms::with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", "correct horse battery").await;
    let slug = crate::rooms::create(&ann, "Board").await;
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    let region: String = sqlx::query_scalar("SELECT region_code FROM rooms").fetch_one(&app.pool).await.unwrap();
    // The poll read the room running with the meeting it knew; then the meeting ended and started
    // again (a new create time) before the region's answer, which lists no meetings yet.
    let known = app::rooms::service::status::known(&app.state, &region).await.unwrap();
    ann.call("meetings/end", &[("slug", &slug)]).await.ok();
    app.clock.advance(5);
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    fake.state().meetings.clear();
    assert_eq!(app::rooms::service::status::correct(&app.state, known, &[]).await.unwrap(), 0);
    let running: i64 = sqlx::query_scalar("SELECT running FROM rooms").fetch_one(&app.pool).await.unwrap();
    assert_eq!(running, 1, "the meeting started after the question is not ended by its answer");
    // Asked again, the answer is about this meeting: gone from the list, it ended.
    let known = app::rooms::service::status::known(&app.state, &region).await.unwrap();
    assert_eq!(app::rooms::service::status::correct(&app.state, known, &[]).await.unwrap(), 1);
}
on_both_databases!(a_meeting_started_while_the_poll_asks_stays_running);
