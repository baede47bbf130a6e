//! Password reset, password and email change, profile, and deleting an account.
use crate::on_both_databases;
use crate::support::TestApp;
use crate::support::database::Db;

const PW: &str = "correct horse battery";
const NEW_PW: &str = "a brand new secret";

async fn password_reset_is_single_use_and_logs_out_everywhere(db: Db) {
    let app = TestApp::spawn(db).await;
    let signed_in = app.member("Ann", "ann@example.coop", PW).await;
    let b = app.browser();
    let unknown = b.call("accounts/forgot", &[("email", "nobody@example.coop")]).await;
    let known = b.call("accounts/forgot", &[("email", "ANN@example.coop")]).await;
    assert_eq!(unknown.ok(), known.ok(), "the answer never tells who is registered");
    assert_eq!(unknown.headers.get("location"), known.headers.get("location"));

    let token = app.sink.token_for("ann@example.coop", "/password/reset?token=").await;
    let weak = b.call("accounts/reset", &[("token", &token), ("password", "short")]).await;
    assert_eq!(weak.field("password"), "field.password.too_short");
    b.call("accounts/reset", &[("token", &token), ("password", NEW_PW)]).await.ok();
    assert_eq!(b.call("accounts/reset", &[("token", &token), ("password", NEW_PW)]).await.refusal(), "token.used");

    assert_eq!(signed_in.me().await, None, "old sessions end with the reset");
    let old = b.login("ann@example.coop", PW).await;
    assert_eq!(old.refusal(), "login.bad_credentials");
    b.login("ann@example.coop", NEW_PW).await.ok();
    assert_eq!(app.sink.count_to("nobody@example.coop"), 0);
}
on_both_databases!(password_reset_is_single_use_and_logs_out_everywhere);

async fn reset_links_expire_after_an_hour(db: Db) {
    let app = TestApp::spawn(db).await;
    app.member("Ann", "ann@example.coop", PW).await;
    let b = app.browser();
    b.call("accounts/forgot", &[("email", "ann@example.coop")]).await.ok();
    let token = app.sink.token_for("ann@example.coop", "/password/reset?token=").await;
    app.clock.advance(3600);
    assert_eq!(b.call("accounts/reset", &[("token", &token), ("password", NEW_PW)]).await.refusal(), "token.expired");
}
on_both_databases!(reset_links_expire_after_an_hour);

async fn changing_password_needs_the_current_one_and_ends_other_sessions(db: Db) {
    let app = TestApp::spawn(db).await;
    let here = app.member("Ann", "ann@example.coop", PW).await;
    let elsewhere = app.browser();
    elsewhere.login("ann@example.coop", PW).await.ok();

    let wrong =
        here.call("accounts/password", &[("current_password", "wrong one here"), ("new_password", NEW_PW)]).await;
    assert_eq!(wrong.field("current_password"), "field.current_password.wrong");
    let common = here.call("accounts/password", &[("current_password", PW), ("new_password", "qwertyuiop")]).await;
    assert_eq!(common.field("new_password"), "field.password.common");

    here.call("accounts/password", &[("current_password", PW), ("new_password", NEW_PW)]).await.ok();
    assert_eq!(here.me().await.as_deref(), Some("ann@example.coop"), "this session stays");
    assert_eq!(elsewhere.me().await, None, "the other one ends");
    let anonymous = app.browser();
    let answer = anonymous.call("accounts/password", &[("current_password", PW), ("new_password", NEW_PW)]).await;
    assert_eq!(answer.status, 401);
}
on_both_databases!(changing_password_needs_the_current_one_and_ends_other_sessions);

async fn email_change_is_confirmed_from_the_new_address(db: Db) {
    let app = TestApp::spawn(db).await;
    let b = app.member("Ann", "ann@example.coop", PW).await;
    app.member("Bob", "bob@example.coop", PW).await;
    let taken = b.call("accounts/email", &[("new_email", "BOB@example.coop"), ("current_password", PW)]).await;
    assert_eq!(taken.field("new_email"), "field.email.taken");
    let bad = b.call("accounts/email", &[("new_email", "nope"), ("current_password", PW)]).await;
    assert_eq!(bad.field("new_email"), "field.email.invalid");
    let wrong = b.call("accounts/email", &[("new_email", "ann@new.coop"), ("current_password", "not it at all")]).await;
    assert_eq!(wrong.field("current_password"), "field.current_password.wrong");

    b.call("accounts/email", &[("new_email", "Ann@New.coop"), ("current_password", PW)]).await.ok();
    assert_eq!(b.me().await.as_deref(), Some("ann@example.coop"), "unchanged until confirmed");
    let token = app.sink.token_for("ann@new.coop", "/email/confirm?token=").await;
    b.call("accounts/email_confirm", &[("token", &token)]).await.ok();
    assert_eq!(b.me().await.as_deref(), Some("ann@new.coop"));
    app.browser().login("ann@new.coop", PW).await.ok();
}
on_both_databases!(email_change_is_confirmed_from_the_new_address);

async fn profile_is_validated_and_sets_the_language(db: Db) {
    let app = TestApp::spawn(db).await;
    let b = app.member("Ann", "ann@example.coop", PW).await;
    let bad = b.call("accounts/profile", &[("name", " "), ("language", "xx"), ("time_zone", "Mars/Olympus")]).await;
    assert_eq!(bad.field("name"), "field.name.required");
    assert_eq!(bad.field("language"), "field.language.invalid");
    assert_eq!(bad.field("time_zone"), "field.time_zone.invalid");

    let ok =
        b.call("accounts/profile", &[("name", "Ann Lee"), ("language", "fr"), ("time_zone", "Europe/Paris")]).await;
    ok.ok();
    let cookie = ok
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| c.starts_with("quorum_lang=fr"));
    assert!(cookie, "language cookie set");
    let me = b.call("accounts/me", &[]).await;
    assert_eq!(me.ok()["name"], "Ann Lee");
    assert_eq!(me.ok()["time_zone"], "Europe/Paris");
    let page = b.get("/dashboard").await.text().await.unwrap();
    assert!(page.contains("<html lang=\"fr\"") && page.contains("Bienvenue, Ann Lee."), "{page}");
}
on_both_databases!(profile_is_validated_and_sets_the_language);

async fn deleting_an_account_needs_the_password(db: Db) {
    let app = TestApp::spawn(db).await;
    let b = app.member("Ann", "ann@example.coop", PW).await;
    let wrong = b.call("accounts/delete", &[("current_password", "not my password")]).await;
    assert_eq!(wrong.field("current_password"), "field.current_password.wrong");
    b.call("accounts/delete", &[("current_password", PW)]).await.ok();
    assert_eq!(b.me().await, None);
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&app.pool).await.unwrap();
    assert_eq!(users, 0);
    let answer = app.browser().login("ann@example.coop", PW).await;
    assert_eq!(answer.refusal(), "login.bad_credentials");
}
on_both_databases!(deleting_an_account_needs_the_password);
