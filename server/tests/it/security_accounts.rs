//! The security review's sign-in and session points: a spoofed forwarded address, parallel bursts,
//! sign-up and recovery limits, cross-site posts, idle and capped sessions, mail that keeps no live
//! link, and pages nobody caches.
use crate::on_both_databases;
use crate::support::database::Db;
use crate::support::{TestApp, session_cookie};
use app::error::AppError;

const PW: &str = "correct horse battery";

fn session_id(headers: &reqwest::header::HeaderMap) -> Option<String> {
    session_cookie(headers).map(|c| c.split(';').next().unwrap_or_default().to_string())
}

async fn login_from(app: &TestApp, forwarded: &str, email: &str) -> u16 {
    reqwest::Client::new()
        .post(format!("{}/api/accounts/login", app.base))
        .header("x-forwarded-for", forwarded)
        .form(&[("email", email), ("password", "wrong password here")])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn a_spoofed_forwarded_address_does_not_dodge_the_limit(db: Db) {
    let app = TestApp::spawn_with(db, |c| {
        c.trusted_proxies = app::client_address::TrustedProxies::parse("127.0.0.1").unwrap();
    })
    .await;
    // Every request claims a new address; the proxy (loopback here) appends the one it saw.
    for n in 0..20 {
        let status = login_from(&app, &format!("10.9.{n}.1, 198.51.100.7"), &format!("u{n}@example.coop")).await;
        assert_eq!(status, 403, "attempt {n}");
    }
    assert_eq!(login_from(&app, "10.9.99.1, 198.51.100.7", "other@example.coop").await, 429);
    assert_eq!(login_from(&app, "198.51.100.8", "other@example.coop").await, 403, "another client is not held");
}
on_both_databases!(a_spoofed_forwarded_address_does_not_dodge_the_limit);

async fn a_parallel_burst_passes_no_more_than_the_limit(db: Db) {
    let app = TestApp::spawn(db).await;
    app.member("Ann", "ann@example.coop", PW).await;
    let burst = (0..30).map(|_| {
        let b = app.browser();
        async move { b.login("ann@example.coop", "not her password").await.status }
    });
    let statuses = futures::future::join_all(burst).await;
    let checked = statuses.iter().filter(|s| **s == 403).count();
    let limited = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + limited, 30, "{statuses:?}");
    assert!(checked <= 5, "{checked} passwords were checked; the limit is 5");
    // Guesses that follow get only what the burst left of the five.
    let mut later = 0;
    for _ in 0..10 {
        later += usize::from(app.browser().login("ann@example.coop", "not her password").await.status == 403);
    }
    assert_eq!(checked + later, 5, "five guesses in all, burst or not");
    assert_eq!(app.browser().login("ann@example.coop", PW).await.status, 429, "the account waits");
}
on_both_databases!(a_parallel_burst_passes_no_more_than_the_limit);

async fn sign_up_tells_nobody_who_is_a_member(db: Db) {
    let app = TestApp::spawn(db).await;
    app.member("Ann", "ann@example.coop", PW).await;
    let stranger = app.browser();
    let again = stranger.signup("Mallory", "ann@example.coop", "another good password").await;
    let fresh = stranger.signup("Newt", "newt@example.coop", "another good password").await;
    assert_eq!((again.status, again.ok()), (fresh.status, fresh.ok()), "the same answer either way");
    assert_eq!(again.headers["location"], fresh.headers["location"]);
    let mail = app.sink.wait_for("ann@example.coop", 2).await;
    assert!(mail.decoded().contains("/password/forgot"), "Ann is told someone tried");

    for _ in 0..4 {
        stranger.signup("Newt", "newt@example.coop", "another good password").await;
    }
    assert_eq!(stranger.signup("Newt", "newt@example.coop", "another good password").await.status, 429);
    for _ in 0..5 {
        assert_eq!(stranger.call("accounts/forgot", &[("email", "zed@example.coop")]).await.status, 200);
    }
    assert_eq!(stranger.call("accounts/forgot", &[("email", "zed@example.coop")]).await.status, 429);
    for _ in 0..5 {
        stranger.call("accounts/resend_verification", &[("email", "zed@example.coop")]).await;
    }
    let resend = stranger.call("accounts/resend_verification", &[("email", "zed@example.coop")]).await;
    assert_eq!(resend.status, 429);
}
on_both_databases!(sign_up_tells_nobody_who_is_a_member);

async fn sharing_does_not_probe_membership(db: Db) {
    let app = TestApp::spawn(db).await;
    crate::rooms::with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = crate::rooms::create(&ann, "Board").await;
    for n in 0..10 {
        let probe = ann.call("rooms/share", &[("slug", &slug), ("email", &format!("guess{n}@example.coop"))]).await;
        assert_eq!(probe.field("email"), "field.email.no_member");
    }
    let probe = ann.call("rooms/share", &[("slug", &slug), ("email", "guess@example.coop")]).await;
    assert!(matches!(probe.err(), AppError::RateLimited { .. }));
}
on_both_databases!(sharing_does_not_probe_membership);

async fn cross_site_posts_are_refused(db: Db) {
    let app = TestApp::spawn(db).await;
    app.member("Ann", "ann@example.coop", PW).await;
    let form = [("email", "ann@example.coop"), ("password", PW)];
    let post = |headers: Vec<(&'static str, String)>| {
        let mut request = reqwest::Client::new().post(format!("{}/api/accounts/login", app.base)).form(&form);
        for (k, v) in headers {
            request = request.header(k, v);
        }
        async move { request.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(post(vec![("origin", "https://evil.example".into())]).await, 403);
    assert_eq!(post(vec![("sec-fetch-site", "same-site".into())]).await, 403, "a sibling subdomain");
    assert_eq!(post(vec![("sec-fetch-site", "cross-site".into())]).await, 403);
    assert_eq!(post(vec![("referer", "https://evil.example/page".into())]).await, 403);
    assert_eq!(post(vec![("sec-fetch-site", "same-origin".into())]).await, 200);
    assert_eq!(post(vec![("origin", app.base.clone())]).await, 200);
}
on_both_databases!(cross_site_posts_are_refused);

async fn sessions_end_when_idle_and_at_their_cap(db: Db) {
    let app = TestApp::spawn(db).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    assert!(ann.me().await.is_some());
    app.clock.advance(2 * 3600 - 60);
    assert!(ann.me().await.is_some(), "used within the idle time");
    app.clock.advance(2 * 3600 + 1);
    assert_eq!(ann.me().await, None, "two hours unused end it");

    ann.login("ann@example.coop", PW).await.ok();
    for _ in 0..24 {
        app.clock.advance(3600);
        assert!(ann.me().await.is_some());
    }
    app.clock.advance(60);
    assert_eq!(ann.me().await, None, "used every hour, it still ends a day after sign-in");

    ann.call("accounts/login", &[("email", "ann@example.coop"), ("password", PW), ("remember", "on")]).await.ok();
    app.clock.advance(20 * 86400);
    assert!(ann.me().await.is_some(), "remember me outlives idle time");
    app.clock.advance(11 * 86400);
    assert_eq!(ann.me().await, None, "but not thirty days");
}
on_both_databases!(sessions_end_when_idle_and_at_their_cap);

async fn password_and_email_changes_cycle_the_session_and_tell_the_old_address(db: Db) {
    let app = TestApp::spawn(db).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let before = session_id(&ann.login("ann@example.coop", PW).await.headers).unwrap();
    let changed =
        ann.call("accounts/password", &[("current_password", PW), ("new_password", "a brand new secret")]).await;
    let after = session_id(&changed.headers).expect("a new session id");
    assert_ne!(before, after);
    let thief = reqwest::Client::new();
    let me = thief.post(format!("{}/api/accounts/me", app.base)).header("cookie", before).send().await.unwrap();
    assert_eq!(me.text().await.unwrap(), "null", "the old id opens nothing");
    assert!(ann.me().await.is_some(), "the member who changed it stays");
    let told = app.sink.wait_for("ann@example.coop", 2).await;
    assert!(told.decoded().contains("password"), "{}", told.decoded());

    ann.call("accounts/email", &[("new_email", "ann@new.example"), ("current_password", "a brand new secret")])
        .await
        .ok();
    let token = app.sink.token_for("ann@new.example", "/email/confirm?token=").await;
    ann.call("accounts/email_confirm", &[("token", &token)]).await.ok();
    let told = app.sink.wait_for("ann@example.coop", 3).await;
    assert!(told.decoded().contains("ann@new.example"), "the old address hears of the change");
}
on_both_databases!(password_and_email_changes_cycle_the_session_and_tell_the_old_address);

async fn sent_mail_keeps_no_working_link(db: Db) {
    let app = TestApp::spawn(db).await;
    app.browser().signup("Ann", "ann@example.coop", PW).await.ok();
    let token = app.sink.token_for("ann@example.coop", "/verify?token=").await;
    // Whatever pass of the mail job sent it has finished once this one has run.
    app.run_job("mail").await;
    let (kind, text, html, sent): (String, String, String, Option<i64>) =
        sqlx::query_as("SELECT kind, body_text, body_html, sent_at FROM mail_outbox")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(sent.is_some());
    assert_eq!((kind.as_str(), text.as_str(), html.as_str()), ("verify", "", ""));
    assert!(!format!("{text}{html}").contains(&token));
}
on_both_databases!(sent_mail_keeps_no_working_link);

#[tokio::test]
async fn pages_are_not_cached_and_scripts_need_the_nonce() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    for path in ["/dashboard", "/profile", "/login"] {
        let page = ann.get(path).await;
        assert_eq!(page.headers()["cache-control"], "no-store", "{path}");
        let csp = page.headers()["content-security-policy"].to_str().unwrap().to_string();
        let nonce = csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).expect("a nonce").to_string();
        assert!(csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"), "{csp}");
        let html = page.text().await.unwrap();
        assert!(html.contains(&format!("nonce=\"{nonce}\"")), "{path}: the hydration script carries the nonce");
    }
    let other = ann.get("/dashboard").await.headers()["content-security-policy"].clone();
    let again = ann.get("/dashboard").await.headers()["content-security-policy"].clone();
    assert_ne!(other, again, "a new nonce for every answer");
    assert_eq!(ann.call("accounts/me", &[]).await.headers["cache-control"], "no-store");
}
