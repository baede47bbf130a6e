//! Announcements (issue 38): an admin's message shows on every page, to everyone, from its start to
//! its end, in the reader's language when written in it, else in the first written; each field's
//! error next to it; taken down at once, in every process within the second.
use crate::on_both_databases;
use crate::support::database::Db;
use crate::support::{Browser, TestApp};

const PW: &str = "correct horse battery";

/// `at` as a `datetime-local` field holds it, in UTC (the admin's zone).
fn field(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0).unwrap().format("%Y-%m-%dT%H:%M").to_string()
}

/// The home page as a reader of `lang` gets it. Each asks at another address: a visitor's page is
/// kept a second of real time (`server/src/http/page_cache.rs`), and the test's clock is not real.
pub(crate) async fn home(app: &TestApp, b: &Browser, lang: &str) -> String {
    static ASKED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = ASKED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let url = format!("{}/?view={n}", app.base);
    b.client.get(url).header("accept-language", lang).send().await.unwrap().text().await.unwrap()
}

async fn an_announcement_shows_on_every_page_while_it_runs(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let now = app.clock.now().secs();
    let (starts, ends) = (field(now + 3600), field(now + 3 * 3600));

    // What is wrong is said next to each field; nothing is saved.
    let form = [("kind", "loud"), ("starts", starts.as_str()), ("ends", starts.as_str())];
    let refused = admin.call("site/announcement_save", &form).await;
    assert_eq!(refused.field("kind"), "field.kind.invalid");
    assert_eq!(refused.field("ends"), "field.ends.before");
    assert_eq!(refused.field("text_en"), "field.announcement.text_required");
    assert_eq!(admin.call("site/announcements", &[]).await.ok(), &serde_json::json!([]));

    // A warning in English and German, an hour from now: not shown yet.
    let form = [
        ("kind", "warning"),
        ("starts", starts.as_str()),
        ("ends", ends.as_str()),
        ("text_en", "Maintenance tonight from 22:00"),
        ("text_de", "Wartung heute ab 22 Uhr"),
    ];
    admin.call("site/announcement_save", &form).await.ok();
    assert_eq!(ann.call("site/banners", &[]).await.ok(), &serde_json::json!([]));
    assert!(!home(&app, &app.browser(), "en").await.contains("Maintenance tonight"));
    assert_eq!(admin.call("site/announcements", &[]).await.ok()[0]["state"], "coming");

    // Once it starts, every page shows it to everyone, as an alert, in the reader's language; a
    // French reader gets the first language written.
    app.clock.advance(3600);
    let visitor = app.browser();
    let english = home(&app, &visitor, "en").await;
    let banner =
        r#"<p role="alert" data-testid="announcement" class="banner banner-warning">Maintenance tonight from 22:00"#;
    assert!(english.contains(banner), "{english}");
    assert!(home(&app, &visitor, "de").await.contains("Wartung heute ab 22 Uhr"));
    assert!(home(&app, &visitor, "fr").await.contains("Maintenance tonight from 22:00"));
    let page = ann.get_html("/dashboard").await.text().await.unwrap();
    assert!(page.contains("Maintenance tonight"), "a member's page too");
    assert_eq!(ann.call("site/banners", &[]).await.ok()[0]["kind"], "Warning");

    // A second process sees the same within the second.
    let other = TestApp::spawn_on(&app.database_url, app.clock.clone()).await;
    assert!(home(&other, &other.browser(), "en").await.contains("Maintenance tonight"));

    // After its end it is gone; the admins' list keeps it as over until taken down.
    app.clock.advance(2 * 3600);
    assert!(!home(&app, &visitor, "en").await.contains("Maintenance tonight"));
    // (Three hours idle end a session: the admin signs in again.)
    admin.login("admin@example.coop", "admin password 1").await.ok();
    let listed = admin.call("site/announcements", &[]).await.ok().clone();
    assert_eq!(listed[0]["state"], "over");

    // Taken down while running: gone at once in this process, within the second in the other.
    let now = app.clock.now().secs();
    let (from, until) = (field(now - 60), field(now + 3600));
    let news = [("kind", "info"), ("starts", from.as_str()), ("ends", until.as_str()), ("text_fr", "Bienvenue")];
    let id = admin.call("site/announcement_save", &news).await.ok().clone();
    assert!(home(&other, &other.browser(), "en").await.contains("Bienvenue"));
    let id = id.as_i64().unwrap().to_string();
    admin.call("site/announcement_delete", &[("id", id.as_str())]).await.ok();
    assert!(!home(&app, &visitor, "en").await.contains("Bienvenue"));
    app.clock.advance(2);
    assert!(!home(&other, &other.browser(), "en").await.contains("Bienvenue"));
    let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM security_events WHERE kind = 'announcement.changed'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(logged, 3);
}
on_both_databases!(an_announcement_shows_on_every_page_while_it_runs);
