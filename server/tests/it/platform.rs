//! What every feature stands on: health, sessions and cookies, mail
//! delivery and retry, and the command line.
use crate::on_both_databases;
use crate::support::database::Db;
use crate::support::smtp_sink::SmtpSink;
use crate::support::{TestApp, session_cookie};

const PW: &str = "correct horse battery";

pub(crate) async fn session_rows(app: &TestApp, db: Db) -> i64 {
    let table = if db == Db::Postgres { "tower_sessions.session" } else { "tower_sessions" };
    let url = &app.database_url;
    match db {
        Db::Sqlite => {
            let pool = sqlx::SqlitePool::connect(url).await.unwrap();
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&pool).await.unwrap()
        }
        Db::Postgres => {
            let pool = sqlx::PgPool::connect(url).await.unwrap();
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&pool).await.unwrap()
        }
    }
}

async fn health_and_readiness_answer_json(db: Db) {
    let app = TestApp::spawn(db).await;
    let b = app.browser();
    let health = b.get("/healthz").await;
    assert_eq!(health.status(), 200);
    assert!(health.headers().contains_key("x-request-id"));
    assert_eq!(health.json::<serde_json::Value>().await.unwrap()["status"], "ok");
    let ready = b.get("/readyz").await.json::<serde_json::Value>().await.unwrap();
    assert_eq!(ready["database"], "ok");
}
on_both_databases!(health_and_readiness_answer_json);

async fn anonymous_pages_write_no_session_and_login_cycles_it(db: Db) {
    let app = TestApp::spawn(db).await;
    app.member("Ann", "ann@example.coop", PW).await;
    let before = session_rows(&app, db).await;
    let b = app.browser();
    for path in ["/", "/login", "/signup", "/dashboard"] {
        let page = b.get(path).await;
        assert!(session_cookie(page.headers()).is_none(), "{path} set a session cookie");
    }
    assert_eq!(session_rows(&app, db).await, before, "no session row for anonymous visitors");

    let first = b.login("ann@example.coop", PW).await;
    let cookie = session_cookie(&first.headers).expect("session cookie at login");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure") && !cookie.contains("Max-Age"), "{cookie}");
    let second = b.call("accounts/login", &[("email", "ann@example.coop"), ("password", PW), ("remember", "on")]).await;
    let renewed = session_cookie(&second.headers).expect("new cookie");
    let id = |c: &str| c.split(';').next().unwrap().to_string();
    assert_ne!(id(&cookie), id(&renewed), "the session id is cycled at login");
    assert!(renewed.contains("Max-Age=259"), "remember me outlives the browser: {renewed}");

    // The old id no longer opens the session.
    let thief = reqwest::Client::new();
    let me = thief
        .post(format!("{}/api/accounts/me", app.base))
        .header("cookie", id(&cookie))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(me, "null");
}
on_both_databases!(anonymous_pages_write_no_session_and_login_cycles_it);

#[tokio::test]
async fn cookies_are_secure_behind_https() {
    let app = TestApp::spawn_with(Db::Sqlite, |c| c.base_url = Some("https://meet.example.coop".into())).await;
    app.member("Ann", "ann@example.coop", PW).await;
    let answer = app.browser().login("ann@example.coop", PW).await;
    let cookie = session_cookie(&answer.headers).expect("cookie");
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn answers_forbid_framing_and_sniffing_and_https_adds_hsts() {
    let plain = TestApp::spawn(Db::Sqlite).await;
    for path in ["/", "/login", "/healthz", "/no-such-page"] {
        let answer = plain.browser().get(path).await;
        let h = answer.headers();
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin", "{path}");
        assert!(h.get("strict-transport-security").is_none(), "{path}: no HSTS over plain http");
    }
    let https = TestApp::spawn_with(Db::Sqlite, |c| c.base_url = Some("https://meet.example.coop".into())).await;
    let answer = https.browser().get("/login").await;
    assert_eq!(answer.headers()["strict-transport-security"], "max-age=31536000");
}

/// Mail that cannot be delivered stays queued with its error, and goes when the server is back.
async fn undeliverable_mail_is_kept_and_retried(db: Db) {
    // No portal runs here: its mail worker would race this test for the message.
    let pool = app::db::connect(&crate::support::database::fresh(db).await, 2).await.unwrap();
    let clock = app::clock::Clock::manual(app::clock::Clock::system().now());
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_port = closed.local_addr().unwrap().port();
    drop(closed);
    let from = "Quorum <q@example.coop>";
    let down = app::mail::Mailer::smtp(&format!("smtp://127.0.0.1:{dead_port}"), from).unwrap();
    let mut tx = pool.begin().await.unwrap();
    let mail = app::mail::Mail {
        kind: "test".into(),
        to: "ann@example.coop".into(),
        subject: "Hi".into(),
        text: "t".into(),
        html: "<p>h</p>".into(),
        attachment: None,
        lang: app::i18n::Lang::En,
    };
    app::mail::enqueue(&mut tx, clock.now(), &mail).await.unwrap();
    tx.commit().await.unwrap();
    let head = app::mail::Letterhead { name: "Riverside Co-op".into(), logo: None, links: Vec::new() };
    assert_eq!(app::mail::deliver_due(&pool, &down, &clock, &head).await.unwrap(), 0);
    let (attempts, error, sent): (i64, Option<String>, Option<i64>) =
        sqlx::query_as("SELECT attempts, last_error, sent_at FROM mail_outbox").fetch_one(&pool).await.unwrap();
    assert_eq!((attempts, sent), (1, None));
    assert!(error.is_some());

    let sink = SmtpSink::start().await;
    let up = app::mail::Mailer::smtp(&format!("smtp://127.0.0.1:{}", sink.port()), from).unwrap();
    assert_eq!(app::mail::deliver_due(&pool, &up, &clock, &head).await.unwrap(), 0, "not before its retry time");
    clock.advance(30);
    assert_eq!(app::mail::deliver_due(&pool, &up, &clock, &head).await.unwrap(), 1);
    assert_eq!(sink.wait_for("ann@example.coop", 1).await.to, vec!["ann@example.coop".to_string()]);
    assert_eq!(app::mail::deliver_due(&pool, &up, &clock, &head).await.unwrap(), 0, "sent once");
}
on_both_databases!(undeliverable_mail_is_kept_and_retried);

/// The outbox folder: what an operator reads when no SMTP server is configured.
#[tokio::test]
async fn without_smtp_mail_lands_in_the_outbox_folder() {
    let dir = std::env::temp_dir().join(format!("quorum-outbox-{}", uuid::Uuid::new_v4().simple()));
    let outbox = dir.clone();
    let app = TestApp::spawn_with(Db::Sqlite, move |c| {
        c.smtp_url = None;
        c.outbox_dir = outbox;
    })
    .await;
    app.browser().signup("Ann", "ann@example.coop", PW).await.ok();
    app.run_job("mail").await;
    let found = std::fs::read_dir(&dir).ok().and_then(|mut d| d.next()).and_then(|e| e.ok());
    let text = std::fs::read_to_string(found.expect("a mail file").path()).unwrap();
    assert!(text.contains("To: ann@example.coop") && text.contains("/verify?token"), "{text}");
}

#[tokio::test]
async fn admin_create_from_the_command_line() {
    let url = crate::support::database::fresh(Db::Sqlite).await;
    let run = |password: &str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_quorum"))
            .args(["admin", "create", "--email", "Root@Example.coop", "--name", "Root"])
            .env("QUORUM_DATABASE_URL", &url)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(format!("{password}\n").as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let weak = run("short");
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password: Use at least 10 characters."));
    let made = run("root password 1");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let pool = app::db::connect(&url, 1).await.unwrap();
    let role: String =
        sqlx::query_scalar("SELECT role FROM users WHERE email = 'root@example.coop'").fetch_one(&pool).await.unwrap();
    assert_eq!(role, "admin");
}

#[test]
fn a_bad_configuration_stops_start_up_naming_the_key() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quorum"))
        .arg("serve")
        .env("QUORUM_BIND", "not-an-address")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("`bind`"));
}

/// Something broken on our side: the member gets "something went wrong", never the cause (which
/// the server logs once, with the request id).
async fn an_internal_errors_cause_stays_on_the_server(db: Db) {
    let app = TestApp::spawn(db).await;
    app.member("Ann", "ann@example.coop", PW).await;
    sqlx::query("DROP TABLE security_events").execute(&app.pool).await.unwrap();
    let answer = app.browser().login("ann@example.coop", PW).await;
    assert_eq!(answer.status, 500);
    assert_eq!(answer.err().message().key, "error.internal");
    let raw = reqwest::Client::new()
        .post(format!("{}/api/accounts/login", app.base))
        .form(&[("email", "ann@example.coop"), ("password", PW)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!raw.contains("security_events") && !raw.to_lowercase().contains("database"), "{raw}");
}
on_both_databases!(an_internal_errors_cause_stays_on_the_server);
