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
    let meeting_id = app.meeting_id(&slug).await;
    let other_meeting = app.meeting_id(&other).await;
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

async fn the_owner_hears_once_when_a_recording_is_ready(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    let meeting_id: String = sqlx::query_scalar("SELECT meeting_id FROM rooms").fetch_one(&app.pool).await.unwrap();
    let before = app.sink.count_to("ann@example.coop");
    fake.add_recording(&meeting_id, "Assembly");
    let mail = app.sink.wait_for("ann@example.coop", before + 1).await;
    assert!(mail.data.contains("Subject: A recording is ready"));
    assert!(mail.decoded().contains(&format!("/r/{slug}")));

    let url = format!("{}/bbb/callback/recording/{slug}", app.base);
    let http = reqwest::Client::new();
    let claims = serde_json::json!({ "meeting_id": meeting_id, "record_id": "rec-9" });
    let forged = app::bbb::jwt::sign(&claims, "not-the-secret");
    assert_eq!(http.post(&url).form(&[("signed_parameters", forged)]).send().await.unwrap().status(), 401);
    let signed = app::bbb::jwt::sign(&claims, "room-tests-secret");
    for _ in 0..2 {
        assert_eq!(http.post(&url).form(&[("signed_parameters", signed.clone())]).send().await.unwrap().status(), 200);
    }
    app.sink.wait_for("ann@example.coop", before + 2).await;
    let gone = format!("{}/bbb/callback/recording/zzz-zzz-zzz-zzz", app.base);
    assert_eq!(http.post(&gone).form(&[("signed_parameters", signed)]).send().await.unwrap().status(), 410);
    let notices: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM recording_notices").fetch_one(&app.pool).await.unwrap();
    assert_eq!(notices, 2, "one notice per recording, however often BBB retries");
    assert_eq!(app.sink.count_to("ann@example.coop"), before + 2);
}
on_both_databases!(the_owner_hears_once_when_a_recording_is_ready);
