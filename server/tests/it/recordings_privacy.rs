//! Recordings' privacy: the default a new recording takes (the site's, a room type's, the room's);
//! and on a region that can protect them (a Scalelite with protected recordings), a fresh one-time
//! link handed out after the portal's own check, so a copied link does not play again; where the
//! region cannot protect, the owner reads so beside the choice.
use crate::on_both_databases;
use crate::rooms::{create, settings, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;
use app::rooms::model::RecordingVisibility;

const PW: &str = "correct horse battery";

/// How many of the room's recordings `b` finds in its list.
async fn count(b: &crate::support::Browser, slug: &str) -> usize {
    b.call("recordings/list", &[("slug", slug)]).await.ok()["recordings"].as_array().map_or(0, Vec::len)
}

async fn a_protected_link_plays_once_and_only_after_the_portals_check(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    fake.set_protects(true);
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let carl = app.member("Carl", "carl@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    let record = fake.add_recording(&app.meeting_id(&slug).await, "Assembly");
    let protected = || fake.state().recordings.iter().find(|r| r.record_id == record).map(|r| r.protected);

    let set = |v: &'static str| [("slug", slug.clone()), ("record_id", record.clone()), ("visibility", v.to_string())];
    let form = set("members");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ann.call("recordings/visibility", &form).await.ok();
    assert_eq!(protected(), Some(true), "the region was told to protect it");
    let listed = ann.call("recordings/list", &[("slug", &slug)]).await.ok()["recordings"][0].clone();
    assert_eq!(listed["protected"], true);
    assert!(!listed.to_string().contains("token="), "no region link in the list: {listed}");
    // A one-time link is a secret for one viewer: the shared list keeps none.
    let kept: Vec<String> = sqlx::query_scalar("SELECT body FROM recording_lists").fetch_all(&app.pool).await.unwrap();
    assert!(!kept.is_empty() && kept.iter().all(|b| !b.contains("token=")), "{kept:?}");

    // Each viewer the portal lets through gets a link of their own, asked of the region then.
    let before = fake.count("getRecordings");
    let play = format!("/r/{slug}/recordings/{record}/video");
    let first = carl.get(&play).await;
    assert_eq!(first.status(), 303);
    let link = first.headers()["location"].to_str().unwrap().to_string();
    assert!(link.contains(&format!("/recording/{record}/video?token=")), "{link}");
    assert_eq!(fake.count("getRecordings"), before + 1, "a fresh link per viewer");
    let second = carl.get(&play).await.headers()["location"].to_str().unwrap().to_string();
    assert_ne!(link, second, "never the same link twice");
    let http = reqwest::Client::new();
    assert_eq!(http.get(&link).send().await.unwrap().status(), 200, "it plays");
    assert_eq!(http.get(&link).send().await.unwrap().status(), 404, "a copied link does not play again");

    // A protected recording's file sits behind the player's one-time cookie: nothing to download.
    assert_eq!(carl.get(&format!("{play}/file")).await.status(), 404);

    // A visitor is sent to sign in, and no link is made for them.
    let tokens = fake.state().tokens.len();
    let visitor = app.browser();
    let refused = visitor.get(&play).await;
    assert_eq!((refused.status().as_u16(), refused.headers()["location"].to_str().unwrap()), (303, "/login"));
    assert_eq!(fake.state().tokens.len(), tokens);
    let own = format!("/r/{slug}/recordings/{record}");
    let page = ann.get_html(&own).await.text().await.unwrap();
    assert!(!page.contains("data-testid=\"unprotected\""), "no warning where links are protected");

    // Public: protected no more, and a plain region gets the warning beside the choice.
    let form = set("public");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ann.call("recordings/visibility", &form).await.ok();
    assert_eq!(protected(), Some(false));
    fake.set_protects(false);
    ann.call("recordings/rename", &[("slug", &slug), ("record_id", &record), ("name", "Spring")]).await.ok();
    let page = ann.get_html(&own).await.text().await.unwrap();
    assert!(page.contains("data-testid=\"unprotected\"") && page.contains("cannot protect"), "{page}");
}
on_both_databases!(a_protected_link_plays_once_and_only_after_the_portals_check);

/// A recording without a visibility of its own follows its room's default: the site's for a new
/// room, the room's own once its owner sets one, its type's where the type pins it.
async fn new_recordings_take_the_rooms_the_types_or_the_sites_default(db: Db) {
    let app = TestApp::spawn_with(db, |config| config.recording_visibility = RecordingVisibility::Members).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let carl = app.member("Carl", "carl@example.coop", PW).await;
    let visitor = app.browser();
    let slug = create(&ann, "Assembly").await;
    let record = fake.add_recording(&app.meeting_id(&slug).await, "Talk");
    let listed = ann.call("recordings/list", &[("slug", &slug)]).await.ok()["recordings"][0].clone();
    assert_eq!((listed["record_id"].as_str(), listed["visibility"].as_str()), (Some(record.as_str()), Some("members")));
    assert_eq!((count(&carl, &slug).await, count(&visitor, &slug).await), (1, 0), "the site's default: members");

    // The room's own default, for every recording without one of its own.
    ann.call("rooms/settings", &settings(&slug, "eu", &[("recording_visibility", "public")])).await.ok();
    app.clock.advance(1);
    assert_eq!(count(&visitor, &slug).await, 1, "the room's default: public");
    let wrong = ann.call("rooms/settings", &settings(&slug, "eu", &[("recording_visibility", "friends")])).await;
    assert_eq!(wrong.field("recording_visibility"), "field.visibility.invalid");

    // A type that pins "private": its rooms start so, and their owners cannot open them wider.
    let dee = app.admin("dee@example.coop").await;
    let form = [
        ("name", "Board"),
        ("waiting_room", "off"),
        ("recording_visibility", "private"),
        ("pin_recording_visibility", "on"),
    ];
    let kind = dee.call("rooms/type_save", &form).await.ok().as_i64().unwrap().to_string();
    let board =
        ann.call("rooms/create", &[("name", "Board"), ("room_type", &kind)]).await.ok().as_str().unwrap().to_string();
    ann.call("rooms/settings", &settings(&board, "eu", &[("recording_visibility", "public")])).await.ok();
    let page = ann.call("rooms/manage", &[("slug", &board)]).await.ok().clone();
    assert_eq!(page["settings"]["recording_visibility"], "private", "the type's pin holds");
    fake.add_recording(&app.meeting_id(&board).await, "Minutes");
    assert_eq!(count(&carl, &board).await, 0, "private: not for another member");
}
on_both_databases!(new_recordings_take_the_rooms_the_types_or_the_sites_default);
