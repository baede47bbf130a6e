//! Findings of the second security review at the platform's edge: the page cache reads every
//! `Cookie` line, parallel room creations hold to the tier's limit, an oversized body is a 413, and
//! answers built for one reader (feeds, exports) are never stored.
use crate::membership::tiers;
use crate::on_both_databases;
use crate::rooms::{create, with_regions};
use crate::schedule::world;
use crate::support::database::Db;
use crate::support::{TestApp, session_cookie};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PW: &str = "correct horse battery";

/// Sends `head` (request line and headers, without the blank line) over plain HTTP/1.1 as written,
/// with no body, and returns the whole answer as text: a client that sends headers exactly as a
/// proxy may (two `Cookie` lines), which an HTTP library would fold.
async fn raw_get(app: &TestApp, head: &str) -> String {
    let address = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!("{head}\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

/// A member's session sent in a second `Cookie` line, after an empty first one, must neither be
/// served a visitor's copy nor leave its own page for the next visitor.
#[tokio::test]
async fn a_session_in_a_second_cookie_line_is_never_cached() {
    let app = TestApp::spawn(Db::Sqlite).await;
    app.member("Ann", "ann@example.coop", PW).await;
    let login = app.browser().login("ann@example.coop", PW).await;
    let session = session_cookie(&login.headers).unwrap().split(';').next().unwrap().to_string();
    // The visitor's copy of the home page is in the cache; the member's request, its session in the
    // second line, must not be answered with it.
    let visitor = raw_get(&app, "GET / HTTP/1.1").await;
    assert!(visitor.starts_with("HTTP/1.1 200") && !visitor.contains("data-testid=\"logout\""), "{visitor}");
    let mine = raw_get(&app, &format!("GET / HTTP/1.1\r\nCookie: \r\nCookie: {session}")).await;
    assert!(mine.contains("data-testid=\"logout\""), "the member got the visitor's copy: {mine}");
    // And the member's own page is not kept for the next visitor.
    let profile = raw_get(&app, &format!("GET /profile HTTP/1.1\r\nCookie: \r\nCookie: {session}")).await;
    assert!(profile.starts_with("HTTP/1.1 200") && profile.contains("ann@example.coop"), "{profile}");
    let theirs = raw_get(&app, "GET /profile HTTP/1.1").await;
    assert!(!theirs.contains("ann@example.coop"), "a visitor got the member's page: {theirs}");
    let home = raw_get(&app, &format!("GET / HTTP/1.1\r\nCookie: quorum_lang=en\r\nCookie: {session}")).await;
    assert!(home.contains("data-testid=\"logout\""), "{home}");
    let next = raw_get(&app, "GET / HTTP/1.1").await;
    assert!(!next.contains("data-testid=\"logout\""), "a visitor got the member's home page: {next}");
}

/// Twenty rooms asked for at once by a member whose tier allows one: exactly one is made.
async fn parallel_room_creations_hold_to_the_tier_limit(db: Db) {
    let w = world(db).await;
    tiers(&w.admin).await;
    w.app.member("Bob", "bob@example.coop", PW).await;
    // Twenty browsers signed in as Bob, each asking once, all at the same moment.
    let mut browsers = Vec::new();
    for _ in 0..20 {
        let b = w.app.browser();
        b.login("bob@example.coop", PW).await.ok();
        browsers.push(b);
    }
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(20));
    let calls = browsers.iter().enumerate().map(|(i, b)| {
        let start = start.clone();
        async move {
            start.wait().await;
            b.call("rooms/create", &[("name", &format!("Room {i}"))]).await
        }
    });
    let answers = futures::future::join_all(calls).await;
    let made = answers.iter().filter(|a| a.status == 200).count();
    assert_eq!(made, 1, "{:?}", answers.iter().map(|a| a.status).collect::<Vec<_>>());
    let owned: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rooms WHERE owner_id = $1")
        .bind(w.app.user_id("bob@example.coop").await)
        .fetch_one(&w.app.pool)
        .await
        .unwrap();
    assert_eq!(owned, 1);
}
on_both_databases!(parallel_room_creations_hold_to_the_tier_limit);

/// The room page works as before for a member without limits (no tiers): the lock only serializes.
#[tokio::test]
async fn rooms_without_a_limit_are_made_in_parallel() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let _fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let ann = &ann;
    let calls = (0..8).map(|i| async move { ann.call("rooms/create", &[("name", &format!("Room {i}"))]).await });
    let answers = futures::future::join_all(calls).await;
    assert!(answers.iter().all(|a| a.status == 200));
    assert!(!create(ann, "One more").await.is_empty());
}

/// The treasurer's export and a member's calendar feed are built for their reader: never stored.
#[tokio::test]
async fn exports_and_feeds_are_not_stored() {
    let w = world(Db::Sqlite).await;
    let export = w.admin.get("/api/contributions/export.csv").await;
    assert_eq!(export.status(), 200);
    assert_eq!(export.headers()["cache-control"], "no-store");
    let feed = w.app.browser().get("/cal/no-such-token.ics").await;
    assert_eq!(feed.headers()["cache-control"], "no-store", "even the refusal");
}

/// A body over the 2 MB cap is refused as too large, with its message, whether its length is
/// declared or not; one just under the cap is read as usual.
#[tokio::test]
async fn a_body_over_the_cap_is_a_413() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let browser = app.browser();
    let url = format!("{}/api/accounts/login", app.base);
    let big = format!("email=x%40example.coop&password={}", "a".repeat(3 * 1024 * 1024));
    let declared = browser.client.post(&url).header("content-type", "application/x-www-form-urlencoded");
    let answer = declared.body(big.clone()).send().await.unwrap();
    assert_eq!(answer.status(), 413);
    assert!(answer.text().await.unwrap().contains("error.too_large"));
    // Chunked, with no length declared: written by hand, as an HTTP library would declare it.
    let address = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /api/accounts/login HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    for chunk in big.as_bytes().chunks(64 * 1024) {
        let sent = async {
            stream.write_all(format!("{:x}\r\n", chunk.len()).as_bytes()).await?;
            stream.write_all(chunk).await?;
            stream.write_all(b"\r\n").await
        };
        if sent.await.is_err() {
            break; // the portal answered and closed before reading it all
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    let small = browser.login("nobody@example.coop", "wrong password").await;
    assert_ne!(small.status, 413);
}
