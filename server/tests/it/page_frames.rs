//! Every page renders whole and in the reader's language when its readings have to wait: the
//! member's lookup on the first view after a second, the page's own queries. A part of a page
//! rendered after it waited must still find the page's address and language (in the browser tests
//! a closure reading the address once panicked there, outside its route).
use crate::on_both_databases;
use crate::rooms::{create, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;
use app::i18n::Lang;

/// English texts that German says otherwise, which no German page may show. Texts of one word
/// or with characters HTML escapes are left out (too likely to be a name, or written escaped).
fn english_only() -> Vec<&'static str> {
    let german: Vec<&str> = Lang::De.plain_texts().map(|(_, text)| text).collect();
    let mut english: Vec<&str> = Lang::En
        .plain_texts()
        .filter(|(key, text)| Lang::De.t(key) != *text && text.contains(' '))
        .map(|(_, text)| text)
        .filter(|text| !text.contains(['&', '<', '>', '"', '\'']))
        .filter(|text| !german.iter().any(|g| g.contains(text)))
        .collect();
    english.sort_unstable();
    english
}

/// Views of each page.
const VIEWS: usize = 6;

async fn every_page_renders_whole_in_the_readers_language_when_its_readings_wait(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let admin = app.admin("admin@example.coop").await;
    admin.call("accounts/profile", &[("name", "Admin"), ("language", "de"), ("time_zone", "UTC")]).await.ok();
    let room = create(&admin, "Versammlung").await;
    let booking = crate::authorization::book_tomorrow(&app, &admin, &room).await;
    let rules = [
        ("booking", booking.as_str()),
        ("voters", "active"),
        ("quorum", "3"),
        ("notice_days", "14"),
        ("keep_days", "365"),
    ];
    admin.call("assemblies/save", &rules).await.ok();
    let record = fake.add_recording(&app.meeting_id(&room).await, "Aufnahme");
    let english = english_only();
    assert!(english.len() > 100, "enough English to tell the pages apart: {}", english.len());

    let mut wrong = Vec::new();
    // Whether a part is written late depends on a race (the menu's lookup of the member may finish
    // on the other thread before the page's own asks), lost about every other view: each page is
    // viewed several times, so a part that loses its page's owner is all but sure to be seen.
    let views = server::http::site::page_paths().into_iter().flat_map(|page| std::iter::repeat_n(page, VIEWS));
    for page in views {
        let path = page.replace("{slug}", &room).replace("{id}", &booking).replace("{record_id}", &record);
        // The member read a second ago is no longer fresh: this view looks them up again.
        app.clock.advance(2);
        let answer = admin.get(&format!("{path}?saved=1")).await;
        let status = answer.status();
        let Ok(html) = answer.text().await else {
            wrong.push(format!("{path}: the page broke off"));
            continue;
        };
        if status != 200 {
            wrong.push(format!("{path}: {status}"));
        } else if !html.contains("lang=\"de\"") || !html.contains(Lang::De.t("nav.logout")) {
            wrong.push(format!("{path}: not a German page with its menu"));
        } else if let Some(text) = english.iter().find(|text| html.contains(*text)) {
            wrong.push(format!("{path}: English on a German page: {text:?}"));
        }
    }
    wrong.dedup();
    assert!(wrong.is_empty(), "pages rendered after a wait:\n{}", wrong.join("\n"));
}

on_both_databases!(every_page_renders_whole_in_the_readers_language_when_its_readings_wait);
