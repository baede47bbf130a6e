//! Central monitoring against the fake BBB: a region going down, slow, answering FAILED, failing
//! `getMeetings` alone, and recovering; incidents; one alert per change (the clock moves, nothing
//! sleeps); the poll in one of two processes; pruning.
use crate::on_both_databases;
use crate::rooms::{SECRET, add_region};
use crate::support::TestApp;
use crate::support::database::Db;
use app::monitoring::service::judge::Change;
use server::fake_bbb::{self, Fake, Mode};
use std::time::Duration;

/// A portal with one region, `eu`, served by its own fake BBB; the admin is the one to alert.
async fn one_region(app: &TestApp) -> Fake {
    region_coded(app, "eu").await
}

/// The one default region, under `code`, answered by a fake BBB server of its own.
async fn region_coded(app: &TestApp, code: &str) -> Fake {
    let fake = Fake::new(SECRET);
    let url = fake_bbb::spawn(fake.clone()).await.unwrap();
    let admin = app.admin("admin@example.coop").await;
    add_region(&admin, code, &url, true, "50", &[]).await;
    fake
}

async fn status(app: &TestApp) -> serde_json::Value {
    let answer = app.browser().get("/status.json").await;
    assert_eq!(answer.status(), 200);
    answer.json::<serde_json::Value>().await.unwrap()["regions"][0].clone()
}

/// What the admins' monitoring page says of the first region (the admin `one_region` made).
async fn details(app: &TestApp) -> serde_json::Value {
    let admin = app.browser();
    admin.login("admin@example.coop", "admin password 1").await.ok();
    admin.call("monitoring/overview", &[("window", "24h")]).await.ok()["regions"][0].clone()
}

async fn alerts(app: &TestApp, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE kind = $1")
        .bind(kind)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn poll(app: &TestApp) {
    app.run_job("monitor").await.expect("this process holds the monitor's lease");
}

/// `n` polls, each one poll interval (15 s) after the last.
async fn polls(app: &TestApp, n: usize) {
    for _ in 0..n {
        app.clock.advance(15);
        poll(app).await;
    }
}

async fn a_region_goes_down_and_recovers_with_one_alert_each(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = one_region(&app).await;
    poll(&app).await;
    let up = status(&app).await;
    assert_eq!(up["state"], "up");
    assert_eq!(up["load"], "unknown", "a region without a capacity has no band");
    assert!(up["latency_ms"].as_i64().is_some());

    fake.set_mode(Mode::Down);
    poll(&app).await;
    assert_eq!(status(&app).await["state"], "up", "one failure is not yet down");
    app.clock.advance(15);
    poll(&app).await;
    let down = status(&app).await;
    assert_eq!(down["state"], "down");
    assert_eq!(down["incidents"].as_array().unwrap().len(), 1);
    assert!(details(&app).await["incidents"][0]["error"].as_str().unwrap().contains("503"), "{down}");
    assert!(down["incidents"][0]["ended_at"].is_null());
    assert_eq!(alerts(&app, "region_down").await, 1);
    app.clock.advance(15);
    poll(&app).await;
    assert_eq!(alerts(&app, "region_down").await, 1, "no repeat while it stays down");

    fake.set_mode(Mode::Up);
    app.clock.advance(15);
    poll(&app).await;
    let back = status(&app).await;
    assert_eq!(back["state"], "up");
    assert_eq!(back["incidents"][0]["ended_at"].as_i64(), Some(app.clock.now().secs()));
    assert_eq!(alerts(&app, "region_up").await, 1);
    assert!(back["uptime_30"].as_i64().unwrap() < 1000, "the down time counts against its uptime");

    // Flapping within the quiet time: recorded, not mailed again (neither down nor back up).
    for mode in [Mode::Down, Mode::Down, Mode::Up] {
        fake.set_mode(mode);
        app.clock.advance(15);
        poll(&app).await;
    }
    assert_eq!(status(&app).await["incidents"].as_array().unwrap().len(), 2);
    assert_eq!((alerts(&app, "region_down").await, alerts(&app, "region_up").await), (1, 1));
    // After it, a new outage is mailed again.
    app.clock.advance(11 * 60);
    for mode in [Mode::Down, Mode::Down] {
        fake.set_mode(mode);
        app.clock.advance(15);
        poll(&app).await;
    }
    assert_eq!(alerts(&app, "region_down").await, 2);
    let mail: String = sqlx::query_scalar("SELECT subject FROM mail_outbox WHERE kind = 'region_down' LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(mail, "Region eu is down");
}
on_both_databases!(a_region_goes_down_and_recovers_with_one_alert_each);

async fn a_balancer_failing_get_meetings_alone_is_up_with_its_load_unknown(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = one_region(&app).await;
    fake.set_mode(Mode::MeetingsBroken);
    for _ in 0..3 {
        poll(&app).await;
        app.clock.advance(15);
    }
    let seen = status(&app).await;
    assert_eq!(seen["state"], "up", "{seen}");
    assert_eq!(seen["load"], "unknown");
    assert_eq!(alerts(&app, "region_down").await, 0);
    let page = app.browser().get("/status").await.text().await.unwrap();
    assert!(page.contains("load unknown") && page.contains(">Up<"), "{page}");
}
on_both_databases!(a_balancer_failing_get_meetings_alone_is_up_with_its_load_unknown);

async fn slow_and_failing_regions_are_down(db: Db) {
    let app = TestApp::spawn_with(db, |c| c.bbb_timeout = Duration::from_millis(300)).await;
    let fake = one_region(&app).await;
    fake.set_mode(Mode::Slow(Duration::from_secs(2)));
    poll(&app).await;
    app.clock.advance(15);
    poll(&app).await;
    let slow = status(&app).await;
    assert_eq!(slow["state"], "down", "beyond the timeout is down");
    assert!(details(&app).await["incidents"][0]["error"].as_str().unwrap().contains("API root"), "{slow}");

    fake.set_mode(Mode::Up);
    app.clock.advance(15);
    poll(&app).await;
    fake.set_mode(Mode::Fail("internalError".into()));
    polls(&app, 2).await;
    let failed = status(&app).await;
    assert_eq!(failed["state"], "down", "a root that answers while every signed call fails is down");
    assert!(details(&app).await["incidents"][0]["error"].as_str().unwrap().contains("internalError"), "{failed}");
}
on_both_databases!(slow_and_failing_regions_are_down);

async fn two_processes_poll_once_and_record_a_change_once(db: Db) {
    let a = TestApp::spawn(db).await;
    let fake = one_region(&a).await;
    let b = TestApp::spawn_on(&a.database_url, a.clock.clone()).await;
    assert!(a.run_job("monitor").await.is_some());
    assert!(b.run_job("monitor").await.is_none(), "the lease keeps the poll in one process");

    fake.set_mode(Mode::Down);
    a.clock.advance(15);
    poll(&a).await;
    // Both processes record the same failing poll at once: the region goes down once.
    let region = app::regions::service::all(&a.pool, &a.state.regions).await.unwrap().remove(0);
    let probe = app::monitoring::service::probe::probe(&a.state.bbb, &region, &a.state.outbound).await;
    assert!(!probe.ok);
    let policy = a.state.monitor;
    let (one, other) = tokio::join!(
        app::monitoring::service::health::record(&a.state, &region, &probe, policy),
        app::monitoring::service::health::record(&b.state, &region, &probe, policy),
    );
    let changes = [one.unwrap(), other.unwrap()];
    assert_eq!(changes.iter().filter(|c| **c == Some(Change::WentDown)).count(), 1, "{changes:?}");
    let incidents: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM region_incidents").fetch_one(&a.pool).await.unwrap();
    assert_eq!(incidents, 1);
    assert_eq!(alerts(&a, "region_down").await, 1);
}
on_both_databases!(two_processes_poll_once_and_record_a_change_once);

async fn old_samples_are_summed_into_hours_and_pruned(db: Db) {
    let app = TestApp::spawn(db).await;
    one_region(&app).await;
    for _ in 0..4 {
        poll(&app).await;
        app.clock.advance(60);
    }
    let count = |resolution: &'static str| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM region_samples WHERE resolution = $1")
                .bind(resolution)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(count("minute").await, 4);
    app.clock.advance(49 * 3600);
    poll(&app).await;
    app.run_job("monitor_prune").await.expect("lease");
    assert_eq!(count("minute").await, 1, "only the recent minute is kept");
    let checks: i64 =
        sqlx::query_scalar("SELECT CAST(SUM(checks) AS BIGINT) FROM region_samples WHERE resolution = 'hour'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(checks, 4, "the old minutes live on in their hours");
    app.clock.advance(91 * 86400);
    app.run_job("monitor_prune").await.expect("lease");
    assert_eq!(count("hour").await, 0, "hours go after 90 days");
}
on_both_databases!(old_samples_are_summed_into_hours_and_pruned);

async fn members_are_told_and_admins_see_charts_and_live_meetings(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = one_region(&app).await;
    let ann = app.member("Ann", "ann@example.coop", "correct horse battery").await;
    let bea = app.member("Bea", "bea@example.coop", "correct horse battery").await;
    let slug = crate::rooms::create(&ann, "Assembly").await;
    let join = ann.call("meetings/start", &[("slug", &slug)]).await.ok().as_str().unwrap().to_string();
    reqwest::get(&join).await.unwrap();
    for _ in 0..3 {
        poll(&app).await;
        app.clock.advance(60);
    }
    let admin = app.admin("admin@example.coop").await;
    let overview = admin.call("monitoring/overview", &[("window", "24h")]).await.ok().clone();
    let points = overview["regions"][0]["points"].as_array().unwrap();
    assert!((1..=2).contains(&points.len()), "three minutes fall in one 10-minute step, or two: {points:?}");
    assert_eq!(points.iter().map(|p| p[1].as_i64().unwrap()).max(), Some(1), "one participant at most");
    assert_eq!(overview["meetings"][0]["room_slug"], slug.as_str());
    assert_eq!(overview["meetings"][0]["owner"], "Ann");
    let page = admin.get("/admin/monitoring").await.text().await.unwrap();
    assert!(page.contains("<svg") && page.contains("<polyline") && page.contains("Assembly"), "{page}");

    assert!(ann.call("status/mine", &[]).await.ok().as_array().unwrap().is_empty());
    fake.set_mode(Mode::Down);
    for _ in 0..2 {
        poll(&app).await;
        app.clock.advance(15);
    }
    assert_eq!(ann.call("status/mine", &[]).await.ok(), &serde_json::json!(["eu"]));
    assert!(ann.get("/dashboard").await.text().await.unwrap().contains("region-down-banner"));
    assert!(bea.call("status/mine", &[]).await.ok().as_array().unwrap().is_empty(), "no rooms there, no banner");
    let overview = admin.call("monitoring/overview", &[("window", "7d")]).await.ok().clone();
    assert!(overview["regions"][0]["last_error"].as_str().unwrap().contains("503"));
    assert_eq!(overview["unlisted"], serde_json::json!(["eu"]));
}
on_both_databases!(members_are_told_and_admins_see_charts_and_live_meetings);

async fn metrics_are_served_on_the_internal_address_only(db: Db) {
    let app = TestApp::spawn(db).await;
    // A region code no other test uses: the metrics recorder is one per process, and tests that
    // take "eu" down run beside this one.
    region_coded(&app, "mx").await;
    poll(&app).await;
    status(&app).await;
    let url = app.metrics.clone().expect("a metrics address");
    let text = reqwest::get(&url).await.unwrap().text().await.unwrap();
    for expected in [
        "region_up{region=\"mx\"} 1",
        "region_participants{region=\"mx\"}",
        "region_latency_seconds_bucket{region=\"mx\"",
        "bbb_calls_total{region=\"mx\",call=\"getMeetings\",outcome=\"ok\"}",
        "http_requests_total{route=\"/status.json\",status=\"200\"}",
        "http_request_duration_seconds_bucket{route=\"/status.json\"",
        "job_runs_total{job=\"monitor\",outcome=\"ok\"}",
        "job_duration_seconds_bucket{job=\"monitor\"",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert_eq!(app.browser().get("/metrics").await.status(), 404, "not on the public address");
}
on_both_databases!(metrics_are_served_on_the_internal_address_only);

async fn a_room_on_a_down_region_is_offered_a_healthy_one_and_moves_when_confirmed(db: Db) {
    let app = TestApp::spawn(db).await;
    let (eu, ca) = (Fake::new(SECRET), Fake::new(SECRET));
    let admin = app.admin("admin@example.coop").await;
    add_region(&admin, "eu", &fake_bbb::spawn(eu.clone()).await.unwrap(), true, "0", &[]).await;
    add_region(&admin, "ca", &fake_bbb::spawn(ca.clone()).await.unwrap(), false, "50", &[]).await;
    let ann = app.member("Ann", "ann@example.coop", "correct horse battery").await;
    let slug = crate::rooms::create(&ann, "Assembly").await;
    let form = crate::rooms::settings(&slug, "eu", &[]);
    ann.call("rooms/settings", &form).await.ok();
    poll(&app).await;
    assert!(ann.call("rooms/page", &[("slug", &slug)]).await.ok()["region_down"].is_null());

    eu.set_mode(Mode::Down);
    polls(&app, 2).await;
    let page = ann.call("rooms/page", &[("slug", &slug)]).await.ok().clone();
    let down = &page["region_down"];
    assert_eq!(down["region"], "eu");
    assert_eq!(down["alternatives"][0]["code"], "ca");
    assert_eq!(down["alternatives"][0]["lacks_recording"], true, "the difference is said");
    assert_eq!(down["alternatives"][0]["smaller_meetings"], 50);
    let html = ann.get(&format!("/r/{slug}")).await.text().await.unwrap();
    assert!(html.contains("data-testid=\"move-room\"") && html.contains("no recording"), "{html}");
    let visitor = app.browser().call("rooms/page", &[("slug", &slug)]).await.ok().clone();
    assert!(visitor["region_down"].is_null(), "only those who manage the room are offered a move");

    let unconfirmed = ann.call("rooms/move", &[("slug", &slug), ("region", "ca")]).await;
    assert_eq!(unconfirmed.field("confirm"), "field.confirm.required");
    let region: String = sqlx::query_scalar("SELECT region_code FROM rooms").fetch_one(&app.pool).await.unwrap();
    assert_eq!(region, "eu", "nothing moves without confirmation");
    ann.call("rooms/move", &[("slug", &slug), ("region", "ca"), ("confirm", "on")]).await.ok();
    let region: String = sqlx::query_scalar("SELECT region_code FROM rooms").fetch_one(&app.pool).await.unwrap();
    assert_eq!(region, "ca");
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    assert!(ca.calls().iter().any(|c| c.name == "create"), "the meeting starts on the region it moved to");
    assert!(!eu.calls().iter().any(|c| c.name == "create"));
}
on_both_databases!(a_room_on_a_down_region_is_offered_a_healthy_one_and_moves_when_confirmed);

/// The key alerts are signed with in these tests.
const KEY: &str = "alert-key";

/// What a receiver was sent: the signature header (empty when none) and the body as sent.
type Seen = std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>;

/// A webhook receiver on loopback: `/hook` records each call and answers `status`; `/moved`
/// answers 307 towards `/hook`, as a receiver that moved (or wants the signature elsewhere) would.
async fn receiver(status: u16) -> (String, Seen) {
    use axum::routing::post;
    let seen = Seen::default();
    let kept = seen.clone();
    let routes = axum::Router::new()
        .route(
            "/hook",
            post(move |headers: axum::http::HeaderMap, body: String| {
                let kept = kept.clone();
                async move {
                    let signature =
                        headers.get("x-quorum-signature").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
                    kept.lock().unwrap().push((signature, body));
                    axum::http::StatusCode::from_u16(status).unwrap()
                }
            }),
        )
        .route("/moved", post(|| async { axum::response::Redirect::temporary("/hook") }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, routes).await });
    (url, seen)
}

fn keyed(url: &str) -> Option<app::hooks::Receiver> {
    Some(app::hooks::Receiver { url: url.to_string(), secret: KEY.to_string() })
}

/// The bodies a receiver was sent, as JSON.
fn bodies(seen: &Seen) -> Vec<serde_json::Value> {
    seen.lock().unwrap().iter().map(|(_, body)| serde_json::from_str(body).unwrap()).collect()
}

async fn each_change_is_posted_to_the_webhook_once(db: Db) {
    let (url, seen) = receiver(204).await;
    let hook = url.clone();
    let app = TestApp::spawn_with(db, move |c| c.monitor_webhook = keyed(&hook)).await;
    let fake = one_region(&app).await;
    poll(&app).await;
    fake.set_mode(Mode::Down);
    polls(&app, 3).await;
    app.run_job("webhooks").await.expect("lease");
    app.run_job("webhooks").await.expect("lease");
    let posted = bodies(&seen);
    assert_eq!(posted.len(), 1, "{posted:?}");
    assert_eq!(posted[0]["region"], "eu");
    assert_eq!(posted[0]["state"], "down");
    assert!(posted[0]["error"].as_str().unwrap().contains("503"));
    fake.set_mode(Mode::Up);
    app.clock.advance(15);
    poll(&app).await;
    app.run_job("webhooks").await.expect("lease");
    let posted = bodies(&seen);
    assert_eq!(posted.last().unwrap()["state"], "up");
    assert_eq!(posted.len(), 2);
}
on_both_databases!(each_change_is_posted_to_the_webhook_once);

async fn a_refused_webhook_is_tried_again_later(db: Db) {
    let (url, seen) = receiver(500).await;
    let hook = url.clone();
    let app = TestApp::spawn_with(db, move |c| c.monitor_webhook = keyed(&hook)).await;
    let fake = one_region(&app).await;
    fake.set_mode(Mode::Down);
    polls(&app, 2).await;
    app.run_job("webhooks").await.expect("lease");
    app.run_job("webhooks").await.expect("lease");
    assert_eq!(seen.lock().unwrap().len(), 1, "not again before its pause");
    app.clock.advance(31);
    app.run_job("webhooks").await.expect("lease");
    assert_eq!(seen.lock().unwrap().len(), 2, "again after it");
    let error: Option<String> =
        sqlx::query_scalar("SELECT last_error FROM webhook_outbox").fetch_one(&app.pool).await.unwrap();
    assert_eq!(error.as_deref(), Some("HTTP 500"));
}
on_both_databases!(a_refused_webhook_is_tried_again_later);

async fn a_health_check_that_answers_200_while_failing_counts_as_failing(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = Fake::new(SECRET);
    let url = fake_bbb::spawn(fake.clone()).await.unwrap();
    let health = url.replace("/bigbluebutton/api/", "/health_check");
    let admin = app.admin("admin@example.coop").await;
    add_region(&admin, "eu", &url, true, "0", &[("health_url", &health)]).await;
    poll(&app).await;
    assert_eq!(status(&app).await["state"], "up");
    fake.set_mode(Mode::HealthFailing);
    polls(&app, 2).await;
    let seen = status(&app).await;
    assert_eq!(seen["state"], "down", "{seen}");
    assert!(details(&app).await["incidents"][0]["error"].as_str().unwrap().contains("database unreachable"));
    let form = [
        ("code", "xx"),
        ("name", "xx"),
        ("api_url", url.as_str()),
        ("secret", SECRET),
        ("checksum", "sha256"),
        ("max_meeting", ""),
        ("capacity", ""),
        ("event_tag", ""),
        ("health_url", "not a url"),
        ("creating", "1"),
    ];
    let bad = admin.call("regions/save", &form).await;
    assert_eq!(bad.field("health_url"), "field.api_url.invalid");
}
on_both_databases!(a_health_check_that_answers_200_while_failing_counts_as_failing);

async fn alerts_are_signed_and_redirects_are_not_followed(db: Db) {
    let (url, seen) = receiver(204).await;
    let moved = url.replace("/hook", "/moved");
    let app = TestApp::spawn_with(db, move |c| c.monitor_webhook = keyed(&url)).await;
    let fake = one_region(&app).await;
    fake.set_mode(Mode::Down);
    polls(&app, 2).await;
    app.run_job("webhooks").await.expect("lease");
    let (signature, body) = seen.lock().unwrap()[0].clone();
    let at = signature.split(',').next().and_then(|t| t.strip_prefix("t=")).and_then(|t| t.parse::<i64>().ok());
    assert_eq!(at, Some(app.clock.now().secs()), "signed when posted: {signature}");
    let expected = app::hooks::signature(KEY, app.clock.now(), &body);
    assert_eq!(signature, expected, "the receiver verifies it with its key");
    assert_ne!(signature, app::hooks::signature("another key", app.clock.now(), &body));

    // A receiver answering 307 does not get the signed body sent on to where it points.
    let app = TestApp::spawn_with(db, move |c| c.monitor_webhook = keyed(&moved)).await;
    let fake = one_region(&app).await;
    fake.set_mode(Mode::Down);
    polls(&app, 2).await;
    let before = seen.lock().unwrap().len();
    app.run_job("webhooks").await.expect("lease");
    assert_eq!(seen.lock().unwrap().len(), before, "the redirect was not followed");
    let (sent, error): (Option<i64>, Option<String>) =
        sqlx::query_as("SELECT sent_at, last_error FROM webhook_outbox").fetch_one(&app.pool).await.unwrap();
    assert_eq!((sent, error.as_deref()), (None, Some("HTTP 307")), "a redirect is a failure, tried again later");
}
on_both_databases!(alerts_are_signed_and_redirects_are_not_followed);

async fn the_public_status_names_no_address_error_or_count(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = Fake::new(SECRET);
    let url = fake_bbb::spawn(fake.clone()).await.unwrap();
    let health = url.replace("/bigbluebutton/api/", "/health_check");
    let admin = app.admin("admin@example.coop").await;
    add_region(&admin, "eu", &url, true, "0", &[("health_url", &health), ("capacity", "10")]).await;
    let ann = app.member("Ann", "ann@example.coop", "correct horse battery").await;
    let slug = crate::rooms::create(&ann, "Assembly").await;
    let join = ann.call("meetings/start", &[("slug", &slug)]).await.ok().as_str().unwrap().to_string();
    reqwest::get(&join).await.unwrap();
    poll(&app).await;
    let up = status(&app).await;
    assert_eq!((up["state"].as_str(), up["load"].as_str()), (Some("up"), Some("quiet")), "{up}");
    for count in ["participants", "meetings", "capacity", "load_known"] {
        assert!(up.get(count).is_none(), "{count} is not published: {up}");
    }

    fake.set_mode(Mode::HealthFailing);
    polls(&app, 2).await;
    let anyone = app.browser();
    let answers = [
        anyone.get("/status.json").await.text().await.unwrap(),
        anyone.get_html("/status").await.text().await.unwrap(),
        anyone.call("status", &[]).await.ok().to_string(),
    ];
    let host = url::Url::parse(&url).unwrap();
    let host = format!("{}:{}", host.host_str().unwrap(), host.port().unwrap());
    for answer in &answers {
        assert!(answer.contains("down") || answer.contains("Down"), "{answer}");
        for secret in
            [host.as_str(), "health_check", "database unreachable", "health check", "ann@example.coop", "Assembly"]
        {
            assert!(!answer.contains(secret), "{secret} is in what anyone reads:\n{answer}");
        }
    }
    assert!(answers[1].contains("the portal could not use this region"), "a fixed phrase instead");
    let offered = ann.call("regions/list", &[]).await.ok().to_string();
    assert!(!offered.contains(&host) && !offered.contains("health_check"), "members choose by name: {offered}");
    // Admins still read what the poll saw.
    let seen = details(&app).await;
    assert!(seen["incidents"][0]["error"].as_str().unwrap().contains("database unreachable"), "{seen}");
    let page = admin.get_html("/admin/monitoring").await.text().await.unwrap();
    assert!(page.contains("database unreachable"), "{page}");
}
on_both_databases!(the_public_status_names_no_address_error_or_count);

async fn internal_addresses_are_refused_unless_the_configuration_allows_them(db: Db) {
    let fake = Fake::new(SECRET);
    let url = fake_bbb::spawn(fake.clone()).await.unwrap();
    let health = url.replace("/bigbluebutton/api/", "/health_check");
    let (hook, seen) = receiver(204).await;
    // A region of the configuration file whose health check is on loopback: the check at call
    // time refuses it (as it would a name whose DNS changed to an internal address).
    let mut region = app::regions::service::RegionRecord::from_input(
        &app::regions::model::RegionInput {
            code: "eu".into(),
            name: "Europe".into(),
            api_url: url.clone(),
            checksum: "sha256".into(),
            health_url: health.clone(),
            enabled: Some("on".into()),
            ..Default::default()
        },
        SECRET,
    )
    .unwrap();
    region.from_config = true;
    let app = TestApp::spawn_with(db, move |c| {
        c.outbound.allow_internal = false;
        c.monitor_webhook = keyed(&hook);
        c.regions = vec![region];
    })
    .await;
    let admin = app.admin("admin@example.coop").await;

    // Saving a health check on loopback is refused next to its field.
    let form = [
        ("code", "xx"),
        ("name", "xx"),
        ("api_url", url.as_str()),
        ("secret", SECRET),
        ("checksum", "sha256"),
        ("health_url", health.as_str()),
        ("enabled", "on"),
        ("creating", "1"),
    ];
    assert_eq!(admin.call("regions/save", &form).await.field("health_url"), "field.url.internal");
    let private = [("health_url", "http://10.1.2.3/health_check"), ("code", "yy"), ("name", "yy")];
    let mut form = form.to_vec();
    form.retain(|(k, _)| !private.iter().any(|(p, _)| p == k));
    form.extend(private);
    assert_eq!(admin.call("regions/save", &form).await.field("health_url"), "field.url.internal");

    // At call time: the health check is not called, and the refusal is a failure for admins.
    fake.set_mode(Mode::HealthFailing);
    for _ in 0..2 {
        poll(&app).await;
        app.clock.advance(15);
    }
    assert_eq!(status(&app).await["state"], "down");
    let seen_by_admin = details(&app).await;
    let error = seen_by_admin["last_error"].as_str().unwrap();
    assert!(error.contains("internal network") && !error.contains("database unreachable"), "{error}");

    // The alert's receiver is on loopback too: not called, the refusal recorded.
    app.run_job("webhooks").await.expect("lease");
    assert!(seen.lock().unwrap().is_empty());
    let error: Option<String> =
        sqlx::query_scalar("SELECT last_error FROM webhook_outbox").fetch_one(&app.pool).await.unwrap();
    assert!(error.unwrap().contains("internal network"));
}
on_both_databases!(internal_addresses_are_refused_unless_the_configuration_allows_them);

async fn a_call_whose_receiver_has_no_key_is_not_sent(db: Db) {
    let (url, seen) = receiver(204).await;
    let app = TestApp::spawn_with(db, move |c| c.monitor_webhook = keyed(&url)).await;
    let fake = one_region(&app).await;
    fake.set_mode(Mode::Down);
    polls(&app, 2).await;
    // The alert was queued; the process that posts it runs without the webhook's key (its
    // configuration changed): nothing goes out unsigned.
    let other = TestApp::spawn_on(&app.database_url, app.clock.clone()).await;
    other.run_job("webhooks").await.expect("lease");
    assert!(seen.lock().unwrap().is_empty());
    let error: Option<String> =
        sqlx::query_scalar("SELECT last_error FROM webhook_outbox").fetch_one(&app.pool).await.unwrap();
    assert_eq!(error.as_deref(), Some("no signing key is configured for this address"));
}
on_both_databases!(a_call_whose_receiver_has_no_key_is_not_sent);

/// The status page's row of region `code`.
fn status_row(page: &str, code: &str) -> String {
    let start = page.find(&format!("data-testid=\"status-{code}\"")).unwrap_or_else(|| panic!("no {code}: {page}"));
    page[start..].split("</tr>").next().unwrap_or_default().to_string()
}

/// Each state reads apart, by its own class and word. A region whose checks fail reads "Down" from
/// its first failed check, never "Not checked yet" with an uptime of 100 %. Anyone reads "Down" and
/// never BBB's own error key; admins read what the failure means.
async fn each_state_reads_apart_and_a_failing_region_is_down_in_plain_words(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    add_region(&admin, "ca", &fake_bbb::spawn(Fake::new(SECRET)).await.unwrap(), true, "0", &[]).await;
    // A region whose secret is not the portal's: every signed call answers `checksumError`.
    let wrong = fake_bbb::spawn(Fake::new("not the portal's secret")).await.unwrap();
    add_region(&admin, "eu", &wrong, true, "0", &[("capacity", "10")]).await;
    // Admins read /status too; a signed-in reader's page is never a copy kept for anonymous ones.
    let page = admin.get_html("/status").await.text().await.unwrap();
    for code in ["ca", "eu"] {
        let row = status_row(&page, code);
        assert!(row.contains("state-unknown") && row.contains(">Not checked yet<"), "{row}");
    }

    poll(&app).await;
    let page = admin.get_html("/status").await.text().await.unwrap();
    let (ca, eu) = (status_row(&page, "ca"), status_row(&page, "eu"));
    assert!(ca.contains("state-up") && ca.contains(">Up<"), "{ca}");
    assert!(eu.contains("state-down") && eu.contains(">Down<"), "checked and failing is down at once: {eu}");
    assert!(!eu.contains("Not checked yet") && !eu.contains('%'), "nor an uptime of a region never up: {eu}");
    let json: serde_json::Value = app.browser().get("/status.json").await.json().await.unwrap();
    let seen = json["regions"].as_array().unwrap().iter().find(|r| r["code"] == "eu").unwrap().clone();
    assert_eq!((seen["state"].as_str(), seen["load"].as_str()), (Some("down"), Some("unknown")), "{seen}");
    assert!(seen["uptime_30"].is_null(), "{seen}");

    polls(&app, 1).await;
    let anyone = app.browser();
    let answers = [
        anyone.get("/status.json").await.text().await.unwrap(),
        anyone.get_html("/status").await.text().await.unwrap(),
        anyone.call("status", &[]).await.ok().to_string(),
    ];
    for answer in &answers {
        assert!(answer.contains("down") || answer.contains("Down"), "{answer}");
        assert!(!answer.contains("checksumError"), "BBB's key is for admins at most:\n{answer}");
    }
    // Admins read what it means, beside what the poll saw.
    let overview = admin.call("monitoring/overview", &[("window", "24h")]).await.ok().clone();
    let eu = overview["regions"].as_array().unwrap().iter().find(|r| r["code"] == "eu").unwrap().clone();
    assert_eq!(eu["state"], "down");
    assert_eq!(eu["last_reason"]["key"], "monitoring.reason_checksum", "{eu}");
    let page = admin.get_html("/admin/monitoring").await.text().await.unwrap();
    assert!(page.contains("data-testid=\"last-reason\"") && page.contains("state-down"), "{page}");
}
on_both_databases!(each_state_reads_apart_and_a_failing_region_is_down_in_plain_words);
