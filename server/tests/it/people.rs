//! People (issue 38): an admin makes an account for someone, who chooses a password from a mail
//! (valid a week, confirming the address); nobody signs in to it before. A taken address or a bad
//! name is refused next to its field, with nothing made.
use crate::on_both_databases;
use crate::support::TestApp;
use crate::support::database::Db;

async fn an_admin_makes_an_account_whose_owner_chooses_a_password(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;

    let wrong =
        admin.call("admin/account_create", &[("name", ""), ("email", "not an address"), ("language", "de")]).await;
    assert_eq!(wrong.field("name"), "field.name.required");
    assert_eq!(wrong.field("email"), "field.email.invalid");
    let taken = admin
        .call("admin/account_create", &[("name", "Ad"), ("email", "ADMIN@example.coop"), ("language", "en")])
        .await;
    assert_eq!(taken.field("email"), "field.email.taken");

    let form = [("name", "Bea Baum"), ("email", "Bea@Example.coop"), ("language", "de")];
    admin.call("admin/account_create", &form).await.ok();
    let (status, verified, lang): (String, Option<i64>, String) =
        sqlx::query_as("SELECT status, email_verified_at, language FROM users WHERE email = 'bea@example.coop'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), verified, lang.as_str()), ("active", None, "de"));

    // No password yet: nobody signs in, whatever they try.
    let bea = app.browser();
    assert!(bea.login("bea@example.coop", "").await.result.is_err());

    // The mail, in her language, carries a link that works for a week, once.
    let mail = app.sink.wait_for("bea@example.coop", 1).await.decoded();
    assert!(mail.contains(r#"<html lang="de">"#), "in German: {mail}");
    let token = app.sink.token_for("bea@example.coop", "/password/reset?token=").await;
    app.clock.advance(6 * 24 * 3600);
    bea.call("accounts/reset", &[("token", &token), ("password", "a password of her own")]).await.ok();
    bea.login("bea@example.coop", "a password of her own").await.ok();
    assert_eq!(bea.me().await.as_deref(), Some("bea@example.coop"));
    let again = app.browser().call("accounts/reset", &[("token", &token), ("password", "another password here")]).await;
    assert_eq!(again.refusal(), "token.used");
    let verified: Option<i64> =
        sqlx::query_scalar("SELECT email_verified_at FROM users WHERE email = 'bea@example.coop'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(verified.is_some(), "choosing the password confirmed the address");
    let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM security_events WHERE kind = 'account.created'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(logged, 1);

    // A week and a day later an unused link is refused as expired.
    admin.login("admin@example.coop", "admin password 1").await.ok();
    admin.call("admin/account_create", &[("name", "Cy"), ("email", "cy@example.coop"), ("language", "en")]).await.ok();
    let late = app.sink.token_for("cy@example.coop", "/password/reset?token=").await;
    app.clock.advance(8 * 24 * 3600);
    let expired =
        app.browser().call("accounts/reset", &[("token", &late), ("password", "a password of his own")]).await;
    assert_eq!(expired.refusal(), "token.expired");
}
on_both_databases!(an_admin_makes_an_account_whose_owner_chooses_a_password);

/// A member downloads everything the portal holds about them as one JSON file: their account,
/// rooms and settings, bookings, contributions, and sign-ins; nothing of another member's, and no
/// secret of the portal's.
async fn a_member_downloads_their_own_data(db: Db) {
    let w = crate::schedule::world(db).await;
    let app = &w.app;
    let bob = app.member("Bob", "bob@example.coop", "correct horse battery").await;
    crate::rooms::create(&bob, "Bob's den").await;
    let date = crate::schedule::day(app, 2);
    crate::schedule::book(&w.ann, &w.room, &date, "10:00", "60", "5", &[("title", "Board")]).await.ok();

    let answer = w.ann.get("/api/accounts/my_data.json").await;
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["content-type"], "application/json");
    assert!(answer.headers()["content-disposition"].to_str().unwrap().contains("my-data.json"));
    let text = answer.text().await.unwrap();
    let data: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(data["account"]["email"], "ann@example.coop");
    let rooms = data["rooms"].as_array().unwrap();
    assert_eq!(rooms.len(), 1);
    assert_eq!(rooms[0]["name"], "Assembly hall");
    assert!(rooms[0]["settings"]["lock_webcams"].is_boolean());
    assert_eq!(data["bookings"][0]["title"], "Board");
    assert!(data["contributions"].is_array());
    let kinds: Vec<&str> =
        data["sign_ins_and_actions"].as_array().unwrap().iter().filter_map(|e| e["kind"].as_str()).collect();
    assert!(kinds.contains(&"login.ok"), "{kinds:?}");
    assert!(!text.contains("Bob") && !text.contains("password_hash") && !text.contains("$argon2"), "{text}");

    // Only one's own, only signed in.
    assert_eq!(app.browser().get("/api/accounts/my_data.json").await.status(), 401);
}
on_both_databases!(a_member_downloads_their_own_data);

/// An admin renames a member, moves them to a new address (confirmed from its inbox), and deletes
/// their account, rooms with it, once the address is typed; the last admin stays.
async fn an_admin_changes_and_deletes_a_member(db: Db) {
    let w = crate::schedule::world(db).await;
    let (app, admin) = (&w.app, &w.admin);
    let ann: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'ann@example.coop'").fetch_one(&app.pool).await.unwrap();
    let id = ann.to_string();
    let page = admin.get_html(&format!("/admin/accounts/{id}")).await.text().await.unwrap();
    assert!(page.contains("Assembly hall") && page.contains(r#"data-testid="person-delete""#), "{page}");

    let empty = admin.call("admin/account_edit", &[("id", &id), ("name", " "), ("email", "ann@example.coop")]).await;
    assert_eq!(empty.field("name"), "field.name.required");
    let taken =
        admin.call("admin/account_edit", &[("id", &id), ("name", "Ann"), ("email", "admin@example.coop")]).await;
    assert_eq!(taken.field("email"), "field.email.taken");
    admin.call("admin/account_edit", &[("id", &id), ("name", "Ann Lee"), ("email", "ann@new.example")]).await.ok();
    let (name, email): (String, String) =
        sqlx::query_as("SELECT name, email FROM users WHERE id = $1").bind(ann).fetch_one(&app.pool).await.unwrap();
    assert_eq!((name.as_str(), email.as_str()), ("Ann Lee", "ann@example.coop"), "the address waits for its link");
    let token = app.sink.token_for("ann@new.example", "/email/confirm?token=").await;
    app.browser().call("accounts/email_confirm", &[("token", &token)]).await.ok();
    let email: String =
        sqlx::query_scalar("SELECT email FROM users WHERE id = $1").bind(ann).fetch_one(&app.pool).await.unwrap();
    assert_eq!(email, "ann@new.example");

    // Deleting needs the address typed; the rooms go with the account.
    let wrong = admin.call("admin/account_delete", &[("id", &id), ("confirm_email", "ann@example.coop")]).await;
    assert_eq!(wrong.field("confirm_email"), "field.confirm_email.mismatch");
    admin.call("admin/account_delete", &[("id", &id), ("confirm_email", " ANN@new.example ")]).await.ok();
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE id = $1").bind(ann).fetch_one(&app.pool).await.unwrap();
    let rooms: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rooms WHERE owner_id = $1")
        .bind(ann)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!((left, rooms), (0, 0));
    assert_eq!(w.ann.call("accounts/me", &[]).await.ok(), &serde_json::Value::Null, "her session is gone");

    // The last admin cannot be deleted, not even by themselves.
    let me: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'admin@example.coop'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let last =
        admin.call("admin/account_delete", &[("id", &me.to_string()), ("confirm_email", "admin@example.coop")]).await;
    assert_eq!(last.refusal(), "account.last_admin");
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM security_events WHERE kind IN ('account.edited', 'account.deleted')")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
}
on_both_databases!(an_admin_changes_and_deletes_a_member);
