//! Forms posted without JavaScript: the refusal comes back in a short-lived cookie, shown by the field,
//! and the page comes back filled in with what was typed (credentials excepted).
use crate::rooms::{create, settings, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;

const PW: &str = "correct horse battery";

/// With JavaScript off the browser posts the form; errors come back beside the page address and the
/// page shows them next to the field.
#[tokio::test]
async fn forms_work_without_javascript() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let b = app.browser();
    let referer = format!("{}/signup", app.base);
    let form = |password| [("name", "Ann"), ("email", "ann@example.coop"), ("password", password), ("invite", "")];
    let post = b.post_without_javascript("accounts/signup", &referer, &form("short")).await;
    assert_eq!(post.status(), 302);
    let location = post.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(location, referer, "the refusal travels in a cookie, not in the address");
    let page = b.client.get(&location).header("accept", "text/html").send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Use at least 10 characters."), "{page}");
    assert!(page.contains("aria-invalid=\"true\""), "{page}");
    // What was typed comes back, except the password, which is never kept.
    assert!(page.contains("value=\"Ann\"") && page.contains("value=\"ann@example.coop\""), "{page}");
    let kept = post
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("quorum_form="));
    let kept = kept.expect("typed values kept in a cookie");
    assert!(kept.contains("HttpOnly") && kept.contains("Max-Age=120"), "{kept}");
    assert!(!page.contains("value=\"short\""), "the password is not kept");
    // The same page without the refusal in its address starts empty again.
    let fresh = b.get("/signup").await.text().await.unwrap();
    assert!(!fresh.contains("value=\"Ann\""), "{fresh}");

    let ok = b.post_without_javascript("accounts/signup", &referer, &form(PW)).await;
    assert_eq!(ok.status(), 302);
    assert_eq!(ok.headers()["location"], "/signup/done");
}

/// A refused settings form keeps every kind of field: text, number, checkbox, choice and text area;
/// but never a code: the viewer code typed comes back neither in the cookie nor in the page.
#[tokio::test]
async fn a_refused_settings_form_comes_back_as_it_was_typed() {
    let app = TestApp::spawn(Db::Sqlite).await;
    with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Board").await;
    let referer = format!("{}/r/{slug}/settings", app.base);
    let typed = settings(
        &slug,
        "eu",
        &[
            ("max_participants", "51"),
            ("waiting_room", "guests"),
            ("welcome", "Hello, assembly"),
            ("viewer_code", "vc-1"),
        ],
    );
    let post = ann.post_without_javascript("rooms/settings", &referer, &typed).await;
    let location = post.headers()["location"].to_str().unwrap().to_string();
    let kept = post.headers().get_all("set-cookie").iter().map(|c| c.to_str().unwrap().to_string()).collect::<Vec<_>>();
    let kept = kept.iter().find_map(|c| c.strip_prefix("quorum_form=")).and_then(|c| c.split(';').next()).unwrap();
    let kept = app::ui::typed::Typed::decode(kept).unwrap();
    assert_eq!(kept.value("max_participants").as_deref(), Some("51"));
    assert_eq!(kept.value("viewer_code"), None, "{kept:?}");
    let page = ann.client.get(&location).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("value=\"51\"") && !page.contains("vc-1"), "{page}");
    assert!(page.contains(">Hello, assembly</textarea>"), "{page}");
    let checked = |name: &str| {
        let input = page.split("<input").find(|i| i.contains(&format!("name=\"{name}\""))).unwrap_or_default();
        input.contains("checked")
    };
    let radio = |value: &str| {
        let input = page.split("<input").find(|i| i.contains(&format!("value=\"{value}\""))).unwrap_or_default();
        input.contains("name=\"waiting_room\"") && input.contains("checked")
    };
    assert!(radio("guests") && !radio("off") && !checked("mute_on_join"), "{page}");
    // Nothing was saved.
    let stored: String = sqlx::query_scalar("SELECT welcome FROM rooms").fetch_one(&app.pool).await.unwrap();
    assert_eq!(stored, "");
}
