//! Sign-up, verification and login, the good paths and the bad.
use crate::on_both_databases;
use crate::support::TestApp;
use crate::support::database::Db;
use app::error::AppError;

const PW: &str = "correct horse battery";

async fn signup_verify_login_logout(db: Db) {
    let app = TestApp::spawn(db).await;
    let browser = app.browser();
    let answer = browser.signup("Ann Lee", "Ann@Example.coop", PW).await;
    assert_eq!(answer.ok(), "CheckEmail");
    assert_eq!(answer.headers.get("location").and_then(|v| v.to_str().ok()), Some("/signup/done"));

    let mail = app.sink.wait_for("ann@example.coop", 1).await;
    assert!(mail.data.contains("Content-Type: text/plain") && mail.data.contains("Content-Type: text/html"));
    let answer = browser.login("ann@example.coop", PW).await;
    assert_eq!(answer.refusal(), "login.unverified");

    let token = app.sink.token_for("ann@example.coop", "/verify?token=").await;
    browser.call("accounts/verify", &[("token", &token)]).await.ok();
    let again = browser.call("accounts/verify", &[("token", &token)]).await;
    assert_eq!(again.refusal(), "token.used");

    assert_eq!(browser.me().await, None);
    let answer = browser.login("ANN@example.coop", PW).await;
    answer.ok();
    assert_eq!(answer.headers.get("location").and_then(|v| v.to_str().ok()), Some("/dashboard"));
    assert_eq!(browser.me().await.as_deref(), Some("ann@example.coop"));

    let page = browser.get("/dashboard").await.text().await.unwrap();
    assert!(page.contains("Welcome, Ann Lee."), "{page}");

    browser.call("accounts/logout", &[]).await.ok();
    assert_eq!(browser.me().await, None);
}
on_both_databases!(signup_verify_login_logout);

async fn signup_rejects_each_bad_field(db: Db) {
    let app = TestApp::spawn(db).await;
    let b = app.browser();
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        ("", "a@b.coop", PW, "name", "field.name.required"),
        (&"n".repeat(101), "a@b.coop", PW, "name", "field.name.too_long"),
        ("Ann", "", PW, "email", "field.email.required"),
        ("Ann", "not-an-email", PW, "email", "field.email.invalid"),
        ("Ann", "a@b.coop", "short", "password", "field.password.too_short"),
        ("Ann", "a@b.coop", "password123", "password", "field.password.common"),
        ("Ann", "a.person@b.coop", "a.person@b.coop", "password", "field.password.is_email"),
    ];
    for (name, email, password, field, key) in cases {
        let answer = b.signup(name, email, password).await;
        assert_eq!(answer.status, 422);
        assert_eq!(answer.field(field), *key);
    }
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&app.pool).await.unwrap();
    assert_eq!(users, 0, "nothing half-saved");
}
on_both_databases!(signup_rejects_each_bad_field);

async fn duplicate_email_is_refused_whatever_its_case(db: Db) {
    let app = TestApp::spawn(db).await;
    let b = app.browser();
    b.signup("Ann", "ann@example.coop", PW).await.ok();
    // The same answer as for a new address (nobody learns who is a member); Ann hears of it.
    let answer = b.signup("Ann 2", " ANN@Example.COOP ", PW).await;
    assert_eq!(answer.ok(), "CheckEmail");
    let mails = app.sink.wait_for("ann@example.coop", 2).await;
    assert!(mails.decoded().contains("Hello Ann,"));
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&app.pool).await.unwrap();
    assert_eq!(accounts, 1);
}
on_both_databases!(duplicate_email_is_refused_whatever_its_case);

async fn wrong_password_and_unknown_email_look_the_same(db: Db) {
    let app = TestApp::spawn(db).await;
    app.member("Ann", "ann@example.coop", PW).await;
    let b = app.browser();
    let wrong = b.login("ann@example.coop", "not the password").await;
    let unknown = b.login("nobody@example.coop", "not the password").await;
    assert_eq!(wrong.refusal(), "login.bad_credentials");
    assert_eq!(unknown.refusal(), "login.bad_credentials");
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(b.me().await, None);
}
on_both_databases!(wrong_password_and_unknown_email_look_the_same);

async fn login_is_rate_limited_per_account(db: Db) {
    let app = TestApp::spawn(db).await;
    app.member("Ann", "ann@example.coop", PW).await;
    let b = app.browser();
    for _ in 0..5 {
        let answer = b.login("ann@example.coop", "guess guess guess").await;
        assert_eq!(answer.refusal(), "login.bad_credentials");
    }
    let limited = b.login("ann@example.coop", PW).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.err(), &AppError::RateLimited { minutes: 15 });
    let text = app::i18n::Lang::En.msg(&limited.err().message());
    assert_eq!(text, "Too many attempts. Please try again in 15 minutes.");
}
on_both_databases!(login_is_rate_limited_per_account);

async fn login_is_rate_limited_per_address(db: Db) {
    let app = TestApp::spawn(db).await;
    let b = app.browser();
    for i in 0..20 {
        let email = format!("guess{i}@example.coop");
        let answer = b.login(&email, "guess guess guess").await;
        assert_eq!(answer.refusal(), "login.bad_credentials");
    }
    let limited = b.login("other@example.coop", "guess guess guess").await;
    assert!(matches!(limited.err(), AppError::RateLimited { .. }), "{:?}", limited.err());
}
on_both_databases!(login_is_rate_limited_per_address);

async fn verification_links_expire_and_can_be_renewed(db: Db) {
    let app = TestApp::spawn(db).await;
    let b = app.browser();
    b.signup("Ann", "ann@example.coop", PW).await.ok();
    let first = app.sink.token_for("ann@example.coop", "/verify?token=").await;
    app.clock.advance(app::accounts::service::tokens::Purpose::Verify.lifetime() + 1);
    assert_eq!(b.call("accounts/verify", &[("token", &first)]).await.refusal(), "token.expired");
    assert_eq!(b.call("accounts/verify", &[("token", "made-up")]).await.refusal(), "token.invalid");

    // The same answer for a stranger's address, and no mail to it.
    b.call("accounts/resend_verification", &[("email", "stranger@example.coop")]).await.ok();
    b.call("accounts/resend_verification", &[("email", "ann@example.coop")]).await.ok();
    app.sink.wait_for("ann@example.coop", 2).await;
    let second = app.sink.token_for("ann@example.coop", "/verify?token=").await;
    assert_ne!(first, second);
    b.call("accounts/verify", &[("token", &second)]).await.ok();
    b.login("ann@example.coop", PW).await.ok();
    assert_eq!(app.sink.count_to("stranger@example.coop"), 0);
}
on_both_databases!(verification_links_expire_and_can_be_renewed);

/// When an admin approves new accounts, nothing tells a new member they may log in before then:
/// the sign-up says the account waits for approval (an address already taken is told the same),
/// and confirming the address says so again instead of "you can log in now".
async fn an_account_waiting_for_approval_is_never_told_to_log_in(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    admin.call("admin/registration_mode", &[("mode", "approval")]).await.ok();
    let b = app.browser();
    let answer = b.signup("Ann", "ann@example.coop", PW).await;
    assert_eq!(answer.ok(), "AwaitApproval");
    assert_eq!(answer.headers["location"], "/signup/done?approval=1");
    let done = b.get_html("/signup/done?approval=1").await.text().await.unwrap();
    assert!(done.contains("data-testid=\"signup-approval\""), "{done}");
    assert!(!done.contains("log in now"), "{done}");
    assert_eq!(app.browser().signup("Ann", "ann@example.coop", PW).await.ok(), "AwaitApproval", "tells nothing");

    let token = app.sink.token_for("ann@example.coop", "/verify?token=").await;
    let verified = b.call("accounts/verify", &[("token", &token)]).await;
    assert_eq!(verified.headers["location"], "/login?verified=pending");
    let login = b.get_html("/login?verified=pending").await.text().await.unwrap();
    assert!(login.contains("data-testid=\"verified-pending\""), "{login}");
    assert!(!login.contains("log in now"), "{login}");
    assert_eq!(b.login("ann@example.coop", PW).await.refusal(), "login.pending");

    // In an open portal the confirmation still lets the member in at once.
    admin.call("admin/registration_mode", &[("mode", "open")]).await.ok();
    let c = app.browser();
    assert_eq!(c.signup("Cai", "cai@example.coop", PW).await.ok(), "CheckEmail");
    let token = app.sink.token_for("cai@example.coop", "/verify?token=").await;
    let verified = c.call("accounts/verify", &[("token", &token)]).await;
    assert_eq!(verified.headers["location"], "/login?verified=1");
    c.login("cai@example.coop", PW).await.ok();
}
on_both_databases!(an_account_waiting_for_approval_is_never_told_to_log_in);

/// A new account starts in the zone its browser said (the sign-up form's script fills it), else
/// in its language's usual zone; never silently in UTC.
async fn a_new_account_starts_in_the_browsers_zone_or_its_languages(db: Db) {
    let app = TestApp::spawn(db).await;
    let signup = |email: &'static str, lang: &'static str, zone: Option<&'static str>| {
        let b = app.browser();
        async move {
            let mut form = vec![("name", "Zed"), ("email", email), ("password", "correct horse battery")];
            if let Some(zone) = zone {
                form.push(("time_zone", zone));
            }
            let answer = b.client.post(format!("{}/api/accounts/signup", b.base)).header("accept-language", lang);
            assert!(answer.form(&form).send().await.unwrap().status().is_success());
        }
    };
    signup("toronto@example.org", "en", Some("America/Toronto")).await;
    signup("berlin@example.org", "de", None).await;
    signup("mars@example.org", "fr", Some("Mars/Olympus")).await;
    let zone = |email: &'static str| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT time_zone FROM users WHERE email = $1")
                .bind(email)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(zone("toronto@example.org").await, "America/Toronto");
    assert_eq!(zone("berlin@example.org").await, "Europe/Berlin", "no script: the language's usual zone");
    assert_eq!(zone("mars@example.org").await, "Europe/Paris", "an unknown zone is not kept");
    let page = app.browser().get_html("/signup").await.text().await.unwrap();
    assert!(page.contains("name=\"time_zone\""), "the form carries the field its script fills");
}
on_both_databases!(a_new_account_starts_in_the_browsers_zone_or_its_languages);
