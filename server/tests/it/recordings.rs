//! Recordings: listed from the room's region, changed there by owners and co-owners only, shown to
//! visitors only when published and public.
use crate::on_both_databases;
use crate::rooms::{create, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;

const PW: &str = "correct horse battery";

async fn owners_rename_publish_hide_and_delete_recordings(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let eve = app.member("Eve", "eve@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    let other = create(&eve, "Eve's").await;
    let meeting_id: String = sqlx::query_scalar("SELECT meeting_id FROM rooms WHERE slug = $1")
        .bind(&slug)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let other_meeting: String = sqlx::query_scalar("SELECT meeting_id FROM rooms WHERE slug = $1")
        .bind(&other)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let record = fake.add_recording(&meeting_id, "Assembly");
    let foreign = fake.add_recording(&other_meeting, "Not Ann's");

    let listed = ann.call("recordings/list", &[("slug", &slug)]).await.ok().clone();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["visibility"], "unlisted");
    assert!(listed[0]["playback_url"].as_str().unwrap().contains(&record));
    let visitor = app.browser();
    assert!(
        visitor.call("recordings/list", &[("slug", &slug)]).await.ok().as_array().unwrap().is_empty(),
        "unlisted is not listed"
    );

    let id = record.as_str();
    ann.call("recordings/rename", &[("slug", &slug), ("record_id", id), ("name", "Spring assembly")]).await.ok();
    ann.call("recordings/visibility", &[("slug", &slug), ("record_id", id), ("visibility", "public")]).await.ok();
    let public = visitor.call("recordings/list", &[("slug", &slug)]).await.ok().clone();
    assert_eq!(public[0]["name"], "Spring assembly");
    ann.call("recordings/publish", &[("slug", &slug), ("record_id", id), ("publish", "false")]).await.ok();
    assert!(
        visitor.call("recordings/list", &[("slug", &slug)]).await.ok().as_array().unwrap().is_empty(),
        "unpublished is hidden"
    );
    assert_eq!(ann.call("recordings/list", &[("slug", &slug)]).await.ok()[0]["published"], false);

    // Strangers cannot touch it, and nobody acts on another room's recording through this one.
    assert_eq!(eve.call("recordings/rename", &[("slug", &slug), ("record_id", id), ("name", "x")]).await.status, 403);
    assert_eq!(
        visitor.call("recordings/delete", &[("slug", &slug), ("record_id", id), ("confirm", "on")]).await.status,
        401
    );
    let cross = ann.call("recordings/delete", &[("slug", &slug), ("record_id", &foreign), ("confirm", "on")]).await;
    assert_eq!(cross.status, 404);
    assert_eq!(
        ann.call("recordings/visibility", &[("slug", &slug), ("record_id", id), ("visibility", "secret")])
            .await
            .field("visibility"),
        "field.visibility.invalid"
    );
    assert_eq!(
        ann.call("recordings/delete", &[("slug", &slug), ("record_id", id)]).await.field("confirm"),
        "field.confirm.required"
    );
    ann.call("recordings/delete", &[("slug", &slug), ("record_id", id), ("confirm", "on")]).await.ok();
    assert!(ann.call("recordings/list", &[("slug", &slug)]).await.ok().as_array().unwrap().is_empty());
    assert_eq!(fake.count("deleteRecordings"), 1);
}
on_both_databases!(owners_rename_publish_hide_and_delete_recordings);
