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
