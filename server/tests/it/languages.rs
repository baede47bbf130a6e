//! Pages and mail in the reader's language: dates, numbers, amounts and counts as that language
//! writes them (Fluent messages, CLDR's patterns), on both databases.
use crate::on_both_databases;
use crate::rooms::{create, settings, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;

const PW: &str = "correct horse battery";

/// A German member reads a recording's date and length the German way, a French visitor the
/// room page's count with French plurals.
async fn dates_numbers_and_plurals_follow_the_readers_language(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let jan = app.member("Jan", "jan@example.coop", PW).await;
    jan.call("accounts/profile", &[("name", "Jan"), ("language", "de"), ("time_zone", "Europe/Berlin")]).await.ok();
    let room = create(&jan, "Versammlung").await;
    jan.call("rooms/settings", &settings(&room, "eu", &[])).await.ok();
    fake.add_recording(&app.meeting_id(&room).await, "Plenum");
    // 2026-12-01 14:30 UTC, 15:30 in Berlin; 95 minutes long.
    fake.state().recordings.last_mut().unwrap().start_time = 1_796_135_400_000;
    let page = jan.get("/recordings").await.text().await.unwrap();
    assert!(page.contains("01.12.2026, 15:30 CET"), "a German date in Jan's zone");
    assert!(!page.contains("2026-12-01"), "not the ISO form");

    // The status page tells no counts (docs/monitoring.md); a running room's page does.
    jan.call("meetings/start", &[("slug", &room)]).await.ok();
    let visitor = app.browser();
    let room_page = |lang: &'static str| {
        let client = visitor.client.clone();
        let url = format!("{}/r/{room}", app.base);
        async move { client.get(url).header("accept-language", lang).send().await.unwrap().text().await.unwrap() }
    };
    let fr = room_page("fr-CA,fr;q=0.9").await;
    assert!(fr.contains("lang=\"fr\""), "the page is French");
    // Right after the start nobody is counted yet: the page says people are coming in, not
    // "0 participants" (French plural rules are checked in `app::i18n::tests`).
    assert!(fr.contains("en cours, les participants arrivent"), "{fr}");
    let en = room_page("en").await;
    assert!(en.contains("running, people are joining") && !en.contains("0 participants"), "{en}");
}
on_both_databases!(dates_numbers_and_plurals_follow_the_readers_language);

/// A mail is written in its recipient's language, with its values in place.
async fn mail_follows_the_recipients_language(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    admin.call("accounts/profile", &[("name", "Admin"), ("language", "es"), ("time_zone", "UTC")]).await.ok();
    admin.call("admin/registration_mode", &[("mode", "approval")]).await.ok();
    app.browser().signup("Zoé", "zoe@example.coop", PW).await.ok();
    let mail = app.sink.wait_for("admin@example.coop", 1).await.decoded();
    assert!(mail.contains("Hola, Admin:"), "greeted in Spanish: {mail}");
    assert!(mail.contains("zoe@example.coop"), "the applicant named in the text");
}
on_both_databases!(mail_follows_the_recipients_language);
