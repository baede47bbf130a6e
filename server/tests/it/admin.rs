//! Administration: registration modes, approvals, invitations, suspensions, roles, and who may call what.
use crate::on_both_databases;
use crate::support::database::Db;
use crate::support::{Browser, TestApp};
use app::error::AppError;

const PW: &str = "correct horse battery";

/// A portal that approves new accounts, its admin, and Ann's browser: signed up and confirmed,
/// her account waits for approval.
async fn with_pending_ann(db: Db) -> (TestApp, Browser, Browser) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    admin.call("admin/registration_mode", &[("mode", "approval")]).await.ok();
    let b = app.browser();
    b.signup("Ann", "ann@example.coop", PW).await.ok();
    let token = app.sink.token_for("ann@example.coop", "/verify?token=").await;
    b.call("accounts/verify", &[("token", &token)]).await.ok();
    (app, admin, b)
}

async fn approval_mode_holds_new_accounts_until_approved(db: Db) {
    let (app, admin, b) = with_pending_ann(db).await;
    assert_eq!(b.login("ann@example.coop", PW).await.refusal(), "login.pending");

    let pending = admin.call("admin/accounts", &[("query", ""), ("status", "pending"), ("page", "0")]).await;
    let rows = pending.ok().as_array().unwrap().clone();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["email"], "ann@example.coop");
    let id = rows[0]["id"].to_string();
    admin.call("admin/account_action", &[("id", &id), ("action", "approve")]).await.ok();
    let approved = app.sink.wait_for("ann@example.coop", 2).await;
    assert!(approved.data.contains("Subject: Your account was approved"));
    b.login("ann@example.coop", PW).await.ok();
    let again = admin.call("admin/account_action", &[("id", &id), ("action", "approve")]).await;
    assert_eq!(again.refusal(), "admin.not_pending");
}
on_both_databases!(approval_mode_holds_new_accounts_until_approved);

async fn invite_mode_admits_only_the_invited(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    admin.call("admin/registration_mode", &[("mode", "invite")]).await.ok();
    let b = app.browser();
    let closed = b.signup("Eve", "eve@example.coop", PW).await;
    assert_eq!(closed.refusal(), "signup.invite_only");

    assert_eq!(admin.call("admin/invite", &[("email", "bad")]).await.field("email"), "field.email.invalid");
    assert_eq!(
        admin.call("admin/invite", &[("email", "admin@example.coop")]).await.field("email"),
        "field.email.taken"
    );
    admin.call("admin/invite", &[("email", "Ann@Example.coop")]).await.ok();
    let token = app.sink.token_for("ann@example.coop", "/signup?invite=").await;
    let prefill = b.call("accounts/invitation", &[("token", &token)]).await;
    assert_eq!(prefill.ok(), "ann@example.coop");

    let other = [("name", "Eve"), ("email", "eve@example.coop"), ("password", PW), ("invite", token.as_str())];
    assert_eq!(b.call("accounts/signup", &other).await.field("email"), "field.email.not_invited");
    let form = [("name", "Ann"), ("email", "ann@example.coop"), ("password", PW), ("invite", token.as_str())];
    assert_eq!(b.call("accounts/signup", &form).await.ok(), "Ready");
    b.login("ann@example.coop", PW).await.ok();
    let reuse = [("name", "Ann 2"), ("email", "ann@example.coop"), ("password", PW), ("invite", token.as_str())];
    assert_eq!(app.browser().call("accounts/signup", &reuse).await.ok(), "CheckEmail", "tells nothing");
}
on_both_databases!(invite_mode_admits_only_the_invited);

async fn suspension_logs_a_member_out_everywhere_at_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let id = app.user_id("ann@example.coop").await.to_string();
    admin.call("admin/account_action", &[("id", &id), ("action", "suspend")]).await.ok();
    assert_eq!(ann.me().await, None);
    let b = app.browser();
    assert_eq!(b.login("ann@example.coop", PW).await.refusal(), "login.suspended");
    admin.call("admin/account_action", &[("id", &id), ("action", "reactivate")]).await.ok();
    b.login("ann@example.coop", PW).await.ok();

    let own = app.user_id("admin@example.coop").await.to_string();
    let refused = admin.call("admin/account_action", &[("id", &own), ("action", "suspend")]).await;
    assert_eq!(refused.refusal(), "admin.not_yourself");
    let missing = admin.call("admin/account_action", &[("id", "999999"), ("action", "suspend")]).await;
    assert_eq!(missing.status, 404);
}
on_both_databases!(suspension_logs_a_member_out_everywhere_at_once);

async fn roles_change_what_a_member_may_call(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let list = [("query", ""), ("status", ""), ("page", "0")];
    let refused = ann.call("admin/accounts", &list).await;
    assert_eq!((refused.status, refused.err()), (403, &AppError::Forbidden));
    let id = app.user_id("ann@example.coop").await.to_string();
    assert_eq!(ann.call("admin/account_action", &[("id", &id), ("action", "make_admin")]).await.status, 403);
    assert_eq!(ann.call("admin/invite", &[("email", "x@example.coop")]).await.status, 403);
    assert_eq!(ann.call("admin/registration_mode", &[("mode", "open")]).await.status, 403);
    assert_eq!(app.browser().call("admin/accounts", &list).await.status, 401);

    admin.call("admin/account_action", &[("id", &id), ("action", "make_admin")]).await.ok();
    let found = ann.call("admin/accounts", &[("query", "ADMIN@"), ("status", ""), ("page", "0")]).await;
    assert_eq!(found.ok().as_array().unwrap().len(), 1, "search ignores case");
    admin.call("admin/account_action", &[("id", &id), ("action", "make_member")]).await.ok();
    assert_eq!(ann.call("admin/accounts", &list).await.status, 403);
}
on_both_databases!(roles_change_what_a_member_may_call);

async fn role(app: &TestApp) -> String {
    sqlx::query_scalar("SELECT role FROM users WHERE email = 'ann@example.coop'").fetch_one(&app.pool).await.unwrap()
}

/// Only an active account becomes an admin: a pending one is refused, with a message, until it is
/// approved, and a suspended one until it is re-activated.
async fn only_an_active_account_is_made_admin(db: Db) {
    let (app, admin, _ann) = with_pending_ann(db).await;
    let id = app.user_id("ann@example.coop").await.to_string();
    let promote = [("id", id.as_str()), ("action", "make_admin")];
    assert_eq!(admin.call("admin/account_action", &promote).await.refusal(), "admin.not_active", "pending");
    assert_eq!(role(&app).await, "member");
    admin.call("admin/account_action", &[("id", &id), ("action", "approve")]).await.ok();
    admin.call("admin/account_action", &[("id", &id), ("action", "suspend")]).await.ok();
    assert_eq!(admin.call("admin/account_action", &promote).await.refusal(), "admin.not_active", "suspended");
    assert_eq!(role(&app).await, "member");
    admin.call("admin/account_action", &[("id", &id), ("action", "reactivate")]).await.ok();
    admin.call("admin/account_action", &promote).await.ok();
    assert_eq!(role(&app).await, "admin");
}
on_both_databases!(only_an_active_account_is_made_admin);

async fn the_last_admin_cannot_delete_their_account(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    let answer = admin.call("accounts/delete", &[("current_password", "admin password 1")]).await;
    assert_eq!(answer.refusal(), "account.last_admin");
    assert_eq!(admin.me().await.as_deref(), Some("admin@example.coop"));
}
on_both_databases!(the_last_admin_cannot_delete_their_account);

async fn admin_resends_verification_to_the_unverified_only(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    app.browser().signup("Ann", "ann@example.coop", PW).await.ok();
    app.sink.wait_for("ann@example.coop", 1).await;
    let id = app.user_id("ann@example.coop").await.to_string();
    admin.call("admin/account_action", &[("id", &id), ("action", "resend_verification")]).await.ok();
    app.sink.wait_for("ann@example.coop", 2).await;
    let own = app.user_id("admin@example.coop").await.to_string();
    let refused = admin.call("admin/account_action", &[("id", &own), ("action", "resend_verification")]).await;
    assert_eq!(refused.refusal(), "admin.already_verified");
}
on_both_databases!(admin_resends_verification_to_the_unverified_only);

/// Every action on the accounts page comes back to the page with a notice saying what was done
/// (the page is plain HTML: the server function's redirect names it); a made-up name shows nothing.
async fn the_accounts_page_confirms_each_action(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    let mode = admin.call("admin/registration_mode", &[("mode", "approval")]).await;
    assert_eq!(mode.headers["location"], "/admin/accounts?done=mode");
    let b = app.browser();
    b.signup("Ann", "ann@example.coop", PW).await.ok();
    let token = app.sink.token_for("ann@example.coop", "/verify?token=").await;
    b.call("accounts/verify", &[("token", &token)]).await.ok();
    let id = app.user_id("ann@example.coop").await.to_string();
    let steps = [
        ("approve", "The account was approved"),
        ("suspend", "The account was suspended"),
        ("reactivate", "The account was re-activated"),
    ];
    for (action, text) in steps {
        let answer = admin.call("admin/account_action", &[("id", &id), ("action", action)]).await;
        let there = answer.headers["location"].to_str().unwrap().to_string();
        assert_eq!(there, format!("/admin/accounts?done={action}"));
        let page = admin.get_html(&there).await.text().await.unwrap();
        assert!(page.contains("data-testid=\"admin-done\"") && page.contains(text), "{action}: {page}");
    }
    let invited = admin.call("admin/invite", &[("email", "bea@example.coop")]).await;
    assert_eq!(invited.headers["location"], "/admin/accounts?done=invite");
    let page = admin.get_html("/admin/accounts?done=mode").await.text().await.unwrap();
    assert!(page.contains("data-testid=\"admin-done\""), "{page}");
    let page = admin.get_html("/admin/accounts?done=nonsense").await.text().await.unwrap();
    assert!(!page.contains("data-testid=\"admin-done\""), "{page}");
}
on_both_databases!(the_accounts_page_confirms_each_action);
