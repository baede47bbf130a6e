//! The page every guest opens first: a running room's page, as a crowd opens it. It asks the
//! region for the room's recordings at most once a minute however many come, and a region that
//! hangs does not hold the page: it answers 200 with its join form within a second.
use crate::on_both_databases;
use crate::rooms::{create, settings, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;
use server::fake_bbb::{Fake, Mode};
use std::time::{Duration, Instant};

const PW: &str = "correct horse battery";

/// A room in region eu whose owner has started the meeting.
async fn running_room(db: Db) -> (TestApp, Fake, String) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    ann.call("rooms/settings", &settings(&slug, "eu", &[])).await.ok();
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    (app, fake, slug)
}

async fn a_crowd_at_the_room_page_asks_the_region_once(db: Db) {
    let (app, fake, slug) = running_room(db).await;
    let before = fake.count("getRecordings");
    let guest = app.browser();
    for _ in 0..100 {
        let page = guest.get(&format!("/r/{slug}")).await;
        assert_eq!(page.status(), 200);
    }
    let calls = fake.count("getRecordings") - before;
    assert!(calls <= 1, "100 views made {calls} region calls");
}
on_both_databases!(a_crowd_at_the_room_page_asks_the_region_once);

async fn a_hanging_region_does_not_hold_the_guests_page(db: Db) {
    let (app, fake, slug) = running_room(db).await;
    fake.set_mode(Mode::Slow(Duration::from_secs(6)));
    for _ in 0..3 {
        let asked = Instant::now();
        let page = app.browser().get(&format!("/r/{slug}")).await;
        assert_eq!(page.status(), 200, "a slow region is not a forbidden room");
        let html = page.text().await.unwrap();
        assert!(asked.elapsed() < Duration::from_millis(1500), "answered in {:?}", asked.elapsed());
        assert!(html.contains("data-testid=\"join-form\""), "{html}");
    }
    assert!(fake.count("getRecordings") <= 1, "one call under way, not one per guest");
}
on_both_databases!(a_hanging_region_does_not_hold_the_guests_page);

/// Anonymous pages are kept a second and shared, but every answer carries its own nonce, and a
/// visitor with cookies of their own (a form's typed values) is never served another's page.
#[tokio::test]
async fn shared_pages_never_share_a_nonce() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let nonce = |page: &reqwest::Response| {
        let csp = page.headers()["content-security-policy"].to_str().unwrap().to_string();
        csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).unwrap().to_string()
    };
    let mut seen = std::collections::HashSet::new();
    for _ in 0..5 {
        let page = app.browser().get("/login").await;
        let n = nonce(&page);
        let html = page.text().await.unwrap();
        assert!(html.contains(&format!("nonce=\"{n}\"")), "the page's scripts carry its own nonce");
        assert!(seen.insert(n), "a nonce was served twice");
    }
    let typed = reqwest::Client::new()
        .get(format!("{}/login", app.base))
        .header("cookie", "quorum_typed=abc")
        .send()
        .await
        .unwrap();
    assert_eq!(typed.status(), 200);
}
