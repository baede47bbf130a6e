//! A room with many recordings: its page lists them ten at a time, newest first, and each has a
//! page of its own where its managers change it, with plain forms that say what happened.
use crate::on_both_databases;
use crate::rooms::{create, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;

const PW: &str = "correct horse battery";

async fn a_long_list_comes_in_pages_and_each_recording_has_its_page(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let eve = app.member("Eve", "eve@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    let meeting_id = app.meeting_id(&slug).await;
    let ids: Vec<String> = (1..=23).map(|n| fake.add_recording(&meeting_id, &format!("Talk {n:02}"))).collect();
    // A minute apart, the last the newest, whatever order the region lists them in.
    for (n, r) in fake.state().recordings.iter_mut().enumerate() {
        r.start_time = 1_780_000_000_000 + 60_000 * n as i64;
    }

    let list = |page: &'static str| {
        let (ann, slug) = (&ann, slug.clone());
        async move { ann.call("recordings/list", &[("slug", &slug), ("page", page)]).await.ok().clone() }
    };
    let first = list("1").await;
    let names = |l: &serde_json::Value| -> Vec<String> {
        l["recordings"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(
        (first["total"].as_u64(), first["page"].as_u64(), first["pages"].as_u64()),
        (Some(23), Some(1), Some(3))
    );
    assert_eq!(names(&first).len(), 10);
    assert_eq!(names(&first)[0], "Talk 23", "newest first");
    let last = list("3").await;
    assert_eq!(names(&last), ["Talk 03", "Talk 02", "Talk 01"]);
    assert_eq!(list("9").await["page"], 3, "past the last page is the last");

    // The owner's room page: the first ten, a way to the older ones, and no form in the list.
    let room = format!("/r/{slug}");
    let page = ann.get_html(&room).await.text().await.unwrap();
    assert!(page.contains("Talk 23") && page.contains("Talk 14") && !page.contains("Talk 13"), "{page}");
    assert!(page.contains(&format!("href=\"/r/{slug}?recordings=2#recordings\"")), "{page}");
    assert!(!page.contains("/api/recordings/rename"), "changes are on each recording's own page");
    let second = ann.get_html(&format!("{room}?recordings=2")).await.text().await.unwrap();
    assert!(second.contains("Talk 13") && !second.contains("Talk 14"), "{second}");

    // Its own page: for the room's managers only.
    let newest = &ids[22];
    let own = format!("/r/{slug}/recordings/{newest}");
    let html = ann.get_html(&own).await;
    assert_eq!(html.status(), 200);
    assert!(html.text().await.unwrap().contains("/api/recordings/rename"));
    assert_eq!(eve.get_html(&own).await.status(), 403);
    assert_ne!(app.browser().get_html(&own).await.status(), 200);
    assert_eq!(ann.get_html(&format!("/r/{slug}/recordings/nope")).await.status(), 404);

    // A change without JavaScript comes back to the recording's page, which says it is saved.
    let referer = format!("{}{own}", app.base);
    let rename = [("slug", slug.as_str()), ("record_id", newest.as_str()), ("name", "Spring assembly")];
    let renamed = ann.post_without_javascript("recordings/rename", &referer, &rename).await;
    assert_eq!(renamed.status(), 302);
    assert_eq!(renamed.headers()["location"], format!("{own}?saved=1").as_str());
    let page = ann.get_html(&format!("{own}?saved=1")).await.text().await.unwrap();
    assert!(page.contains("Saved.") && page.contains("Spring assembly"), "{page}");
    // A refusal comes back next to its field, nothing changed.
    let empty = [("slug", slug.as_str()), ("record_id", newest.as_str()), ("name", " ")];
    let refused = ann.post_without_javascript("recordings/rename", &referer, &empty).await;
    let back = refused.headers()["location"].to_str().unwrap().to_string();
    assert!(!back.contains("saved=1"), "{back}");

    // Deleting, confirmed, leads back to the room, which says so; the list has one fewer.
    let delete = [("slug", slug.as_str()), ("record_id", newest.as_str()), ("confirm", "on")];
    let deleted = ann.post_without_javascript("recordings/delete", &referer, &delete).await;
    assert_eq!(deleted.status(), 302);
    assert_eq!(deleted.headers()["location"], format!("{room}?recording_deleted=1#recordings").as_str());
    let page = ann.get_html(&format!("{room}?recording_deleted=1")).await.text().await.unwrap();
    assert!(page.contains("The recording is deleted.") && !page.contains("Spring assembly"), "{page}");
    assert_eq!(list("1").await["total"], 22);
}
on_both_databases!(a_long_list_comes_in_pages_and_each_recording_has_its_page);
