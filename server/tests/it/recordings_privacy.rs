//! Recordings' privacy on a region that can protect them (a Scalelite with protected recordings):
//! the portal hands out a fresh one-time link after its own check, so a copied link does not play
//! again; and where the region cannot protect, the owner reads so beside the choice.
use crate::on_both_databases;
use crate::rooms::{create, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;

const PW: &str = "correct horse battery";

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

    // A visitor is sent to sign in, and no link is made for them.
    let tokens = fake.state().tokens.len();
    let visitor = app.browser();
    let refused = visitor.get(&play).await;
    assert_eq!((refused.status().as_u16(), refused.headers()["location"].to_str().unwrap()), (303, "/login"));
    assert_eq!(fake.state().tokens.len(), tokens);
    let page = ann.get_html(&format!("/r/{slug}")).await.text().await.unwrap();
    assert!(!page.contains("data-testid=\"unprotected\""), "no warning where links are protected");

    // Public: protected no more, and a plain region gets the warning beside the choice.
    let form = set("public");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ann.call("recordings/visibility", &form).await.ok();
    assert_eq!(protected(), Some(false));
    fake.set_protects(false);
    ann.call("recordings/rename", &[("slug", &slug), ("record_id", &record), ("name", "Spring")]).await.ok();
    let page = ann.get_html(&format!("/r/{slug}")).await.text().await.unwrap();
    assert!(page.contains("data-testid=\"unprotected\"") && page.contains("cannot protect"), "{page}");
}
on_both_databases!(a_protected_link_plays_once_and_only_after_the_portals_check);
