//! What a process keeps for a second (sessions, members, rooms, regions): a change shows at once in
//! the process that made it, and in another process once its second has passed by the clock.
use crate::on_both_databases;
use crate::rooms::{create, with_regions};
use crate::support::database::Db;
use crate::support::{TestApp, session_cookie};

const PW: &str = "correct horse battery";

/// A request to `app` carrying `cookie` (`quorum_session=…`), without a cookie jar that a sign-out would empty.
async fn as_member(app: &TestApp, cookie: &str, method: reqwest::Method, path: &str) -> String {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let url = format!("{}{path}", app.base);
    let response = client.request(method, url).header("cookie", cookie).send().await.unwrap();
    response.text().await.unwrap()
}

async fn a_change_shows_at_once_here_and_within_a_second_elsewhere(db: Db) {
    let a = TestApp::spawn(db).await;
    let _fake = with_regions(&a).await;
    let b = TestApp::spawn_on(&a.database_url, a.clock.clone()).await;
    let ann = a.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Plenary").await;
    let again = a.browser();
    let set_cookie = session_cookie(&again.login("ann@example.coop", PW).await.headers).expect("a session");
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let path = format!("/r/{slug}");
    let page = async |app: &TestApp| as_member(app, &cookie, reqwest::Method::GET, &path).await;
    assert!(page(&b).await.contains("Plenary"), "process b reads the room, and keeps it");
    assert!(page(&b).await.contains("room-settings-link"), "as its owner");

    again.call("rooms/rename", &[("slug", &slug), ("name", "Assembly")]).await.ok();
    assert!(page(&a).await.contains("Assembly"), "the process that renamed it shows it at once");
    assert!(page(&b).await.contains("Plenary"), "the other keeps what it read in this second");
    a.clock.advance(1);
    assert!(page(&b).await.contains("Assembly"), "and reads it again a second later");

    let me = || as_member(&b, &cookie, reqwest::Method::POST, "/api/accounts/me");
    assert!(me().await.contains("ann@example.coop"));
    again.call("accounts/logout", &[]).await.ok();
    assert!(
        as_member(&a, &cookie, reqwest::Method::POST, "/api/accounts/me").await == "null",
        "signed out at once where it was done"
    );
    a.clock.advance(1);
    assert_eq!(me().await, "null", "and in the other process a second later");
}
on_both_databases!(a_change_shows_at_once_here_and_within_a_second_elsewhere);
