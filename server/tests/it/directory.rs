//! The administrators' list of every room: search, what runs now, paging, and who may see it.
use crate::on_both_databases;
use crate::rooms::{create, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;
use serde_json::Value;

const PW: &str = "correct horse battery";

fn names(directory: &Value) -> Vec<&str> {
    directory["rooms"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect()
}

async fn admins_see_every_room_and_what_runs(db: Db) {
    let app = TestApp::spawn(db).await;
    let _fake = with_regions(&app).await;
    let ann = app.member("Ann Lee", "ann@example.coop", PW).await;
    let bob = app.member("Bob Stone", "bob@example.coop", PW).await;
    let assembly = create(&ann, "Assembly").await;
    create(&ann, "Board").await;
    create(&bob, "Choir practice").await;
    ann.call("meetings/start", &[("slug", &assembly)]).await.ok();
    sqlx::query("UPDATE rooms SET participants = 7 WHERE slug = $1").bind(&assembly).execute(&app.pool).await.unwrap();

    let admin = app.admin("root@example.coop").await;
    let list = |query: &'static str, filter: &'static str, page: &'static str| {
        let admin = &admin;
        async move { admin.call("rooms/all", &[("query", query), ("filter", filter), ("page", page)]).await }
    };
    let all = list("", "", "0").await;
    let all = all.ok();
    assert_eq!(names(all), ["Assembly", "Board", "Choir practice"], "running rooms first");
    assert_eq!((all["running"].as_i64(), all["participants"].as_i64()), (Some(1), Some(7)));
    assert_eq!(all["rooms"][0]["owner_email"], "ann@example.coop");
    let region: String = sqlx::query_scalar("SELECT region_code FROM rooms WHERE slug = $1")
        .bind(&assembly)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(all["rooms"][0]["region"], region.as_str());
    assert_eq!((all["rooms"][0]["running"].as_bool(), all["rooms"][1]["running"].as_bool()), (Some(true), Some(false)));
    assert_eq!(names(list("", "running", "0").await.ok()), ["Assembly"]);
    assert_eq!(names(list("BOB@example", "", "0").await.ok()), ["Choir practice"], "by owner's email, any case");
    assert_eq!(names(list("stone", "", "0").await.ok()), ["Choir practice"], "by owner's name");
    let by_link = admin.call("rooms/all", &[("query", &assembly), ("filter", ""), ("page", "0")]).await;
    assert_eq!(names(by_link.ok()), ["Assembly"], "by link");
    assert!(names(list("nothing like it", "", "0").await.ok()).is_empty());

    let page = admin.get("/admin/rooms?q=choir").await.text().await.unwrap();
    assert!(page.contains("Choir practice") && !page.contains("Board"), "the page renders the search");
    assert!(page.contains("Meetings running now: 1. People in them: 7."));

    assert_eq!(ann.call("rooms/all", &[("query", ""), ("filter", ""), ("page", "0")]).await.status, 403);
    assert_eq!(app.browser().call("rooms/all", &[("query", ""), ("filter", ""), ("page", "0")]).await.status, 401);
    let refused = ann.get("/admin/rooms").await.text().await.unwrap();
    assert!(!refused.contains("Choir practice"), "a member's page lists no rooms");
}
on_both_databases!(admins_see_every_room_and_what_runs);

async fn the_list_pages_by_fifty(db: Db) {
    let app = TestApp::spawn(db).await;
    let _fake = with_regions(&app).await;
    let ann = app.member("Ann Lee", "ann@example.coop", PW).await;
    for i in 0..51 {
        create(&ann, &format!("Room {i:02}")).await;
    }
    let admin = app.admin("root@example.coop").await;
    let first = admin.call("rooms/all", &[("query", ""), ("filter", ""), ("page", "0")]).await;
    assert_eq!((names(first.ok()).len(), first.ok()["more"].as_bool()), (50, Some(true)));
    let second = admin.call("rooms/all", &[("query", ""), ("filter", ""), ("page", "1")]).await;
    assert_eq!((names(second.ok()), second.ok()["more"].as_bool()), (vec!["Room 50"], Some(false)));
}
on_both_databases!(the_list_pages_by_fifty);
