//! A member's recordings page: every recording of the rooms they own or co-own, across regions,
//! one getRecordings call per region, and a region that does not answer named, not fatal.
use crate::on_both_databases;
use crate::rooms::{create, settings, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;

const PW: &str = "correct horse battery";

async fn members_see_every_recording_of_their_rooms(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let bob = app.member("Bob", "bob@example.coop", PW).await;
    let eve = app.member("Eve", "eve@example.coop", PW).await;
    let assembly = create(&ann, "Assembly").await;
    let board = create(&ann, "Board").await;
    let choir = create(&bob, "Choir").await;
    let private = create(&eve, "Eve's").await;
    ann.call("rooms/settings", &settings(&assembly, "eu", &[])).await.ok();
    ann.call("rooms/settings", &settings(&board, "ca", &[])).await.ok();
    bob.call("rooms/settings", &settings(&choir, "eu", &[])).await.ok();
    bob.call("rooms/share", &[("slug", &choir), ("email", "ann@example.coop")]).await.ok();
    for (i, (slug, name)) in [(&assembly, "Assembly 1"), (&board, "Board 1"), (&choir, "Choir 1"), (&private, "Eve 1")]
        .into_iter()
        .enumerate()
    {
        fake.add_recording(&app.meeting_id(slug).await, name);
        fake.state().recordings.last_mut().unwrap().start_time = 1_700_000_000_000 + i as i64 * 86_400_000;
    }

    let before = fake.count("getRecordings");
    let mine = ann.call("recordings/mine", &[]).await.ok().clone();
    assert_eq!(fake.count("getRecordings") - before, 2, "one call per region, not per room");
    let listed: Vec<(&str, &str)> = mine["recordings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["recording"]["name"].as_str().unwrap(), r["room_slug"].as_str().unwrap()))
        .collect();
    assert_eq!(
        listed,
        [("Choir 1", choir.as_str()), ("Board 1", board.as_str()), ("Assembly 1", assembly.as_str())],
        "newest first, co-owned rooms included, strangers' rooms left out"
    );
    assert!(mine["unavailable"].as_array().unwrap().is_empty());

    sqlx::query("UPDATE regions SET api_url = 'http://127.0.0.1:9/bigbluebutton/api/' WHERE code = 'ca'")
        .execute(&app.pool)
        .await
        .unwrap();
    app.state.regions.changed();
    let partial = ann.call("recordings/mine", &[]).await.ok().clone();
    assert_eq!(partial["unavailable"], serde_json::json!(["ca"]));
    assert_eq!(partial["recordings"].as_array().unwrap().len(), 2, "the region that answered is still listed");
    let page = ann.get("/recordings").await.text().await.unwrap();
    assert!(page.contains("Choir 1") && page.contains("did not answer"), "the page says which region is missing");

    assert_eq!(app.browser().call("recordings/mine", &[]).await.status, 401);
}
on_both_databases!(members_see_every_recording_of_their_rooms);

/// Dates are written in the reader's own time zone, named; visitors read UTC.
async fn recording_dates_are_in_the_readers_zone(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    ann.call("accounts/profile", &[("name", "Ann"), ("language", "en"), ("time_zone", "Asia/Tokyo")]).await.ok();
    let slug = create(&ann, "Assembly").await;
    let record = fake.add_recording(&app.meeting_id(&slug).await, "Talk");
    ann.call("recordings/visibility", &[("slug", &slug), ("record_id", &record), ("visibility", "public")]).await.ok();
    let mine = ann.call("recordings/mine", &[]).await.ok().clone();
    let when = mine["recordings"][0]["recording"]["when"].as_str().unwrap().to_string();
    assert!(when.ends_with(" JST"), "{when}");
    let seen = app.browser().call("recordings/list", &[("slug", &slug)]).await.ok().clone();
    assert!(seen["recordings"][0]["when"].as_str().unwrap().ends_with(" UTC"), "{seen}");
}
on_both_databases!(recording_dates_are_in_the_readers_zone);
