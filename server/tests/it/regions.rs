//! Regions: admin management against a fake BBB, write-only secrets, the configuration file's
//! authority, and the connection test's diagnosis.
use crate::on_both_databases;
use crate::support::database::Db;
use crate::support::{Browser, TestApp};
use server::fake_bbb::{self, Fake, Mode};

const SECRET: &str = "region-secret-0123456789";

fn region_form<'a>(code: &'a str, url: &'a str, secret: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("code", code),
        ("name", "Europe"),
        ("api_url", url),
        ("secret", secret),
        ("checksum", "sha256"),
        ("recording", "on"),
        ("max_meeting", "100"),
        ("capacity", "400"),
        ("event_tag", ""),
        ("enabled", "on"),
        ("creating", "1"),
    ]
}

async fn checks(admin: &Browser, code: &str) -> Vec<(bool, String)> {
    let answer = admin.call("regions/test", &[("code", code)]).await;
    answer
        .ok()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["ok"].as_bool().unwrap(), c["detail"]["key"].as_str().unwrap().to_string()))
        .collect()
}

async fn admins_manage_regions_and_secrets_stay_hidden(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = Fake::new(SECRET);
    let url = fake_bbb::spawn(fake.clone()).await.unwrap();
    let admin = app.admin("admin@example.coop").await;
    admin.call("regions/save", &region_form("eu", &url, SECRET)).await.ok();
    let taken = admin.call("regions/save", &region_form("eu", &url, SECRET)).await;
    assert_eq!(taken.field("code"), "field.region_code.taken");

    let listed = admin.call("regions/admin_list", &[]).await;
    let text = listed.ok().to_string();
    assert!(text.contains("\"code\":\"eu\"") && !text.contains(SECRET), "{text}");
    let page = admin.get("/admin/regions").await.text().await.unwrap();
    assert!(page.contains(&url) && !page.contains(SECRET));

    assert_eq!(
        checks(&admin, "eu").await,
        vec![(true, "region.test.api_ok".into()), (true, "region.test.checksum_ok".into())]
    );

    // An edit with an empty secret keeps the saved one.
    let mut edit = region_form("eu", &url, "");
    edit.retain(|(k, _)| *k != "creating");
    edit.push(("is_default", "on"));
    admin.call("regions/save", &edit).await.ok();
    assert!(checks(&admin, "eu").await[1].0, "the saved secret was kept");

    let mut wrong = region_form("uk", &url, "not-the-secret");
    wrong[1] = ("name", "United Kingdom");
    admin.call("regions/save", &wrong).await.ok();
    assert_eq!(checks(&admin, "uk").await, vec![(true, "region.test.api_ok".into()), (false, "bbb.checksum".into())]);
    fake.set_mode(Mode::Down);
    assert_eq!(checks(&admin, "uk").await, vec![(false, "bbb.status".into())]);

    let member = app.member("Ann", "ann@example.coop", "correct horse battery").await;
    let seen = member.call("regions/list", &[]).await.ok().clone();
    let seen = seen.as_array().unwrap();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|r| r["api_url"] == ""), "members do not see API addresses");
    assert_eq!(seen.iter().find(|r| r["code"] == "eu").unwrap()["is_default"], true);

    admin.call("regions/delete", &[("code", "uk")]).await.ok();
    assert_eq!(admin.call("regions/delete", &[("code", "uk")]).await.status, 404);
}
on_both_databases!(admins_manage_regions_and_secrets_stay_hidden);

async fn region_input_is_checked_field_by_field(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    let mut bad = region_form("EU!", "ftp://x", "");
    bad[6] = ("max_meeting", "500");
    let answer = admin.call("regions/save", &bad).await;
    assert_eq!(answer.status, 422);
    assert_eq!(answer.field("code"), "field.region_code.invalid");
    assert_eq!(answer.field("api_url"), "field.api_url.invalid");
    assert_eq!(answer.field("secret"), "field.secret.required");
    assert_eq!(answer.field("max_meeting"), "field.max_meeting.over_capacity");
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM regions").fetch_one(&app.pool).await.unwrap();
    assert_eq!(rows, 0);
}
on_both_databases!(region_input_is_checked_field_by_field);

async fn only_admins_manage_regions(db: Db) {
    let app = TestApp::spawn(db).await;
    let member = app.member("Ann", "ann@example.coop", "correct horse battery").await;
    assert_eq!(member.call("regions/admin_list", &[]).await.status, 403);
    assert_eq!(member.call("regions/save", &region_form("eu", "https://x.example/api/", "s")).await.status, 403);
    assert_eq!(member.call("regions/test", &[("code", "eu")]).await.status, 403);
    assert_eq!(member.call("regions/delete", &[("code", "eu")]).await.status, 403);
    assert_eq!(app.browser().call("regions/list", &[]).await.status, 401);
}
on_both_databases!(only_admins_manage_regions);

#[tokio::test]
async fn the_configuration_file_wins_for_the_regions_it_names() {
    let fake = Fake::new(SECRET);
    let url = fake_bbb::spawn(fake).await.unwrap();
    let input = app::regions::model::RegionInput {
        code: "eu".into(),
        name: "Europe (file)".into(),
        api_url: url.clone(),
        secret: SECRET.into(),
        checksum: "sha256".into(),
        enabled: Some("on".into()),
        ..Default::default()
    };
    let record = app::regions::service::RegionRecord::from_input(&input, SECRET).unwrap();
    let app = TestApp::spawn_with(Db::Sqlite, move |c| c.regions = vec![record]).await;
    let admin = app.admin("admin@example.coop").await;
    sqlx::query("INSERT INTO regions (code, name, api_url, secret, created_at) VALUES ('eu', 'Europe (db)', 'https://x/', 's', 0)")
        .execute(&app.pool)
        .await
        .unwrap();
    let listed = admin.call("regions/admin_list", &[]).await.ok().clone();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["name"], "Europe (file)");
    assert_eq!(listed[0]["from_config"], true);
    let page = admin.get("/admin/regions").await.text().await.unwrap();
    assert!(page.contains("From the configuration file"), "the page says so");
    let refused = admin.call("regions/save", &region_form("eu", &url, SECRET)).await;
    assert_eq!(refused.refusal(), "region.from_config");
    assert_eq!(admin.call("regions/delete", &[("code", "eu")]).await.refusal(), "region.from_config");
    assert!(checks(&admin, "eu").await.iter().all(|(ok, _)| *ok));
}

/// The region a room runs on.
async fn region_of(app: &TestApp, slug: &str) -> String {
    sqlx::query_scalar("SELECT region_code FROM rooms WHERE slug = $1").bind(slug).fetch_one(&app.pool).await.unwrap()
}

/// The demo region (a fake BBB server in the process: no audio or video) never competes with a real
/// one: alone it is the default; beside a real region it is no default, new rooms land on the real
/// one, and it is no import's target and no move's. It is marked as a demo wherever it is shown.
async fn the_demo_region_never_competes_with_a_real_one(db: Db) {
    let app = TestApp::spawn_with(db, |c| c.demo_region = true).await;
    let admin = app.admin("admin@example.coop").await;
    let ann = app.member("Ann", "ann@example.coop", "correct horse battery").await;
    let trial = crate::rooms::create(&ann, "Trial").await;
    assert_eq!(region_of(&app, &trial).await, "demo", "alone, the demo region is the default");
    let listed = ann.call("regions/list", &[]).await.ok().clone();
    assert_eq!((listed[0]["demo"].as_bool(), listed[0]["is_default"].as_bool()), (Some(true), Some(true)), "{listed}");

    // A real region, not even marked as the default.
    let eu = Fake::new(crate::rooms::SECRET);
    crate::rooms::add_region(&admin, "eu", &fake_bbb::spawn(eu.clone()).await.unwrap(), true, "0", &[]).await;
    let board = crate::rooms::create(&ann, "Board").await;
    assert_eq!(region_of(&app, &board).await, "eu", "new rooms land on the real region");
    let listed = ann.call("regions/list", &[]).await.ok().clone();
    let demo = listed.as_array().unwrap().iter().find(|r| r["code"] == "demo").unwrap();
    assert_eq!((demo["demo"].as_bool(), demo["is_default"].as_bool()), (Some(true), Some(false)), "{listed}");
    let real = listed.as_array().unwrap().iter().find(|r| r["code"] == "eu").unwrap();
    assert_eq!(real["demo"], false);
    let regions_page = admin.get_html("/admin/regions").await.text().await.unwrap();
    assert!(regions_page.contains("data-testid=\"demo\""), "marked on the regions page: {regions_page}");
    let status_page = app.browser().get_html("/status").await.text().await.unwrap();
    assert!(status_page.contains("data-testid=\"demo\""), "marked on the status page: {status_page}");

    // No import's target: refused before the legacy database is even reached.
    let into_demo = app::legacy::model::Options { region: "demo".into(), ..crate::legacy::options(true) };
    let refused = app::legacy::service::import::import(&app.state, "postgres://gl@127.0.0.1:1/none", &into_demo)
        .await
        .unwrap_err();
    let key = refused.field_errors().and_then(|f| f.get("region")).map(|m| m.key.clone());
    assert_eq!(key.as_deref(), Some("legacy.region.unknown"), "{refused:?}");

    // No move's: with the real region down, the demo region (up) is neither offered nor taken.
    eu.set_mode(Mode::Down);
    for _ in 0..2 {
        app.clock.advance(15);
        app.run_job("monitor").await.expect("this process holds the monitor's lease");
    }
    let page = ann.call("rooms/page", &[("slug", &board)]).await.ok().clone();
    assert_eq!(page["region_down"]["region"], "eu", "{page}");
    assert_eq!(page["region_down"]["alternatives"], serde_json::json!([]), "the demo is no move's target: {page}");
    let moved = ann.call("rooms/move", &[("slug", &board), ("region", "demo"), ("confirm", "on")]).await;
    assert_eq!(moved.field("region"), "field.region.unknown");
    assert_eq!(region_of(&app, &board).await, "eu");
}
on_both_databases!(the_demo_region_never_competes_with_a_real_one);

/// The regions page says what the admin did: "Test connection" is a plain GET form (`?test=<code>`),
/// so with or without JavaScript the page runs the test and says in words whether the portal can
/// use the region, and why not; saving and deleting come back with a notice.
async fn the_regions_page_confirms_saves_and_shows_the_connection_test(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = Fake::new(SECRET);
    let url = fake_bbb::spawn(fake.clone()).await.unwrap();
    let admin = app.admin("admin@example.coop").await;
    let saved = admin.call("regions/save", &region_form("eu", &url, SECRET)).await;
    assert_eq!(saved.headers["location"], "/admin/regions?saved=1");
    let page = admin.get_html("/admin/regions?saved=1").await.text().await.unwrap();
    assert!(page.contains("The region was saved."), "{page}");
    let plain = admin.get_html("/admin/regions").await.text().await.unwrap();
    assert!(plain.contains("name=\"test\" value=\"eu\""), "the test button is a GET form: {plain}");
    assert!(!plain.contains("data-testid=\"region-test\""), "no test until asked");

    let page = admin.get_html("/admin/regions?test=eu").await.text().await.unwrap();
    assert!(page.contains("data-testid=\"region-test\"") && page.contains("Europe works"), "{page}");

    let mut wrong = region_form("uk", &url, "not-the-secret");
    wrong[1] = ("name", "United Kingdom");
    admin.call("regions/save", &wrong).await.ok();
    let page = admin.get_html("/admin/regions?test=uk").await.text().await.unwrap();
    assert!(page.contains("role=\"alert\"") && page.contains("cannot use United Kingdom"), "{page}");
    assert!(page.contains("The region rejected the portal"), "the reason, in words: {page}");
    fake.set_mode(Mode::Down);
    let page = admin.get_html("/admin/regions?test=uk").await.text().await.unwrap();
    assert!(page.contains("The region answered with an HTTP error"), "{page}");

    let deleted = admin.call("regions/delete", &[("code", "uk")]).await;
    assert_eq!(deleted.headers["location"], "/admin/regions?deleted=1");
    let page = admin.get_html("/admin/regions?deleted=1").await.text().await.unwrap();
    assert!(page.contains("The region was deleted."), "{page}");
    // Only admins run it.
    let member = app.member("Ann", "ann@example.coop", "correct horse battery").await;
    let page = member.get_html("/admin/regions?test=eu").await.text().await.unwrap();
    assert!(!page.contains("data-testid=\"region-test\""));
}
on_both_databases!(the_regions_page_confirms_saves_and_shows_the_connection_test);
