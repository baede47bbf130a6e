//! Sign-up by email domain (issue 38): addresses at a listed domain sign up without approval or
//! invitation (still confirming their address); everyone else follows the registration mode.
use crate::on_both_databases;
use crate::support::TestApp;
use crate::support::database::Db;

const PW: &str = "correct horse battery";

async fn status_of(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar("SELECT status FROM users WHERE email = $1").bind(email).fetch_one(&app.pool).await.unwrap()
}

async fn a_listed_domain_signs_up_without_approval_or_invitation(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    admin.call("admin/registration_mode", &[("mode", "approval")]).await.ok();

    // A word that is no domain is named next to the field; nothing saved.
    let wrong = admin.call("admin/registration_domains_save", &[("domains", "school.example\nnot a domain")]).await;
    assert_eq!(wrong.field("domains"), "field.domains.invalid");
    assert_eq!(admin.call("admin/registration_domains", &[]).await.ok(), &serde_json::json!([]));
    admin.call("admin/registration_domains_save", &[("domains", "@School.Example, coop.example")]).await.ok();
    let listed = admin.call("admin/registration_domains", &[]).await.ok().clone();
    assert_eq!(listed, serde_json::json!(["school.example", "coop.example"]));

    // Approval mode: the listed domain is active once confirmed; another waits; a subdomain too.
    assert_eq!(app.browser().signup("Bo", "bo@school.example", PW).await.ok(), "CheckEmail");
    assert_eq!(status_of(&app, "bo@school.example").await, "active");
    assert_eq!(app.browser().signup("Cy", "cy@other.example", PW).await.ok(), "AwaitApproval");
    assert_eq!(status_of(&app, "cy@other.example").await, "pending");
    assert_eq!(app.browser().signup("Di", "di@mail.school.example", PW).await.ok(), "AwaitApproval");

    // Invitation mode: the listed domain needs none; anyone else is refused; the page says so.
    admin.call("admin/registration_mode", &[("mode", "invite")]).await.ok();
    assert_eq!(app.browser().signup("Ed", "ed@coop.example", PW).await.ok(), "CheckEmail");
    assert_eq!(status_of(&app, "ed@coop.example").await, "active");
    assert_eq!(app.browser().signup("Flo", "flo@other.example", PW).await.refusal(), "signup.invite_only");
    let page = app.browser().get_html("/signup").await.text().await.unwrap();
    assert!(
        page.contains(r#"data-testid="signup-domains""#) && page.contains("school.example, coop.example"),
        "{page}"
    );
    assert!(page.contains(r#"data-testid="signup-form""#), "the form is offered: {page}");

    // Emptied: the mode alone decides again.
    admin.call("admin/registration_domains_save", &[("domains", "")]).await.ok();
    assert_eq!(app.browser().signup("Gus", "gus@school.example", PW).await.refusal(), "signup.invite_only");
}
on_both_databases!(a_listed_domain_signs_up_without_approval_or_invitation);
