//! Single sign-on against a real OpenID provider (`oidc-provider` from the npm registry, on
//! loopback): the authorization-code flow with PKCE through the portal's own pages and routes,
//! on both databases.
use crate::on_both_databases;
use crate::support::database::Db;
use crate::support::oidc::{Provider, location, through};
use crate::support::{Browser, TestApp, query_of};

pub const SLUG: &str = "coop";
pub const PW: &str = "correct horse battery";

/// A portal whose admin added the provider on the sign-in page, and the provider.
pub async fn portal(db: Db) -> (TestApp, Provider, Browser) {
    let app = TestApp::spawn(db).await;
    let provider = Provider::start().await;
    let admin = app.admin("admin@example.coop").await;
    add_provider(&app, &provider, &admin).await;
    (app, provider, admin)
}

pub async fn add_provider(app: &TestApp, provider: &Provider, admin: &Browser) {
    let client = provider.register(&app.base, SLUG).await;
    let form = [
        ("creating", "1"),
        ("slug", SLUG),
        ("label", "Co-op account"),
        ("issuer", provider.issuer.as_str()),
        ("client_id", client.client_id.as_str()),
        ("client_secret", client.client_secret.as_str()),
        ("scopes", "openid email profile"),
    ];
    admin.call("sso/save", &form).await.ok();
}

/// Presses the provider's button in `browser`: the provider's authorization address.
pub async fn start(browser: &Browser) -> String {
    let answer = browser.call("sso/start", &[("provider", SLUG)]).await;
    answer.headers.get("location").and_then(|l| l.to_str().ok()).expect("sent to the provider").to_string()
}

/// Signs in at the provider as `account`: the portal's callback address it sends the browser to.
pub async fn callback_url(browser: &Browser, provider: &Provider, account: &str) -> String {
    let url = start(browser).await;
    through(&browser.client, &provider.issuer, url, account).await
}

/// Follows the callback in `browser`: where the portal sends it next.
pub async fn finish(browser: &Browser, url: &str) -> String {
    location(&browser.client.get(url).send().await.expect("callback"))
}

async fn a_member_signs_in_through_the_provider_and_out_of_both(db: Db) {
    let (app, provider, _admin) = portal(db).await;
    provider.account("ann", "Ann@Example.org", true, "Ann Provider").await;
    let ann = app.browser();
    let authorize = start(&ann).await;
    let asked = query_of(&authorize);
    assert!(authorize.starts_with(&format!("{}/auth?", provider.issuer)));
    assert_eq!((asked["response_type"].as_str(), asked["code_challenge_method"].as_str()), ("code", "S256"));
    assert!(asked["scope"].contains("email") && asked["state"].len() >= 16 && asked["nonce"].len() >= 16);
    let back = through(&ann.client, &provider.issuer, authorize, "ann").await;
    assert!(back.starts_with(&format!("{}/auth/oidc/{SLUG}/callback?code=", app.base)), "{back}");
    assert_eq!(finish(&ann, &back).await, "/dashboard");
    assert_eq!(ann.me().await.as_deref(), Some("ann@example.org"));
    let (name, hash, verified): (String, String, Option<i64>) =
        sqlx::query_as("SELECT name, password_hash, email_verified_at FROM users WHERE email = 'ann@example.org'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((name.as_str(), hash.as_str(), verified.is_some()), ("Ann Provider", "", true));
    let page = ann.get("/dashboard").await.text().await.unwrap();
    assert!(page.contains("Ann Provider"), "the dashboard greets the member");

    // Signed out here: sent to the provider to sign out there, then back home.
    let out = ann.call("accounts/logout", &[]).await;
    let end = out.headers["location"].to_str().unwrap().to_string();
    let hints = query_of(&end);
    assert!(end.starts_with(&format!("{}/session/end", provider.issuer)), "{end}");
    assert_eq!(hints["post_logout_redirect_uri"], format!("{}/", app.base));
    assert!(hints["id_token_hint"].split('.').count() == 3, "the ID token as the hint");
    assert_eq!(ann.me().await, None, "signed out of the portal at once");
    let confirm = ann.client.get(&end).send().await.unwrap().text().await.unwrap();
    let (action, xsrf) = (
        confirm.split("action=\"").nth(1).and_then(|a| a.split('"').next()).unwrap().to_string(),
        confirm.split("name=\"xsrf\" value=\"").nth(1).and_then(|a| a.split('"').next()).unwrap().to_string(),
    );
    let url = if action.starts_with('/') { format!("{}{action}", provider.issuer) } else { action };
    let done = ann.client.post(&url).form(&[("xsrf", xsrf.as_str()), ("logout", "yes")]).send().await.unwrap();
    assert_eq!(location(&done), format!("{}/", app.base), "back to the portal's home");

    // Signed out at the provider too: the next sign-in asks for the account again, and finds Ann.
    let again = start(&ann).await;
    let login_page = ann.client.get(&again).send().await.unwrap();
    assert!(location(&login_page).contains("/interaction/"), "the provider asks who is signing in");
    let back = through(&ann.client, &provider.issuer, again, "ann").await;
    assert_eq!(finish(&ann, &back).await, "/dashboard");
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&app.pool).await.unwrap();
    assert_eq!(users, 2, "the admin and Ann, once");
}
on_both_databases!(a_member_signs_in_through_the_provider_and_out_of_both);

async fn a_wrong_state_a_replayed_code_and_an_expired_sign_in_are_refused(db: Db) {
    let (app, provider, _admin) = portal(db).await;
    provider.account("ann", "ann@example.org", true, "Ann").await;
    let ann = app.browser();

    // Another state than the one this browser was given.
    let back = callback_url(&ann, &provider, "ann").await;
    let forged = back.replace("state=", "state=x");
    assert_eq!(finish(&ann, &forged).await, "/login?sso=sso.state");
    assert_eq!(ann.me().await, None);
    let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM security_events WHERE kind = 'sso.state_mismatch'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(logged, 1, "the security log has it");
    // The refused callback used the flow up: the real answer cannot complete it afterwards.
    assert_eq!(finish(&ann, &back).await, "/login?sso=sso.expired");

    // A good sign-in, then its callback replayed: refused, and a code used once stays used.
    let back = callback_url(&ann, &provider, "ann").await;
    assert_eq!(finish(&ann, &back).await, "/dashboard");
    assert_eq!(finish(&ann, &back).await, "/login?sso=sso.expired", "the flow is gone");
    ann.call("accounts/logout", &[]).await;
    let fresh = callback_url(&ann, &provider, "ann").await;
    let old_code = &query_of(&back)["code"];
    let replayed = fresh.replace(&format!("code={}", query_of(&fresh)["code"]), &format!("code={old_code}"));
    assert_eq!(finish(&ann, &replayed).await, "/login?sso=sso.code_refused", "the provider refuses an old code");
    assert_eq!(ann.me().await, None);

    // Ten minutes and a second at the provider: the portal's clock says the sign-in expired.
    let slow = callback_url(&ann, &provider, "ann").await;
    app.clock.advance(601);
    assert_eq!(finish(&ann, &slow).await, "/login?sso=sso.expired");
    assert_eq!(ann.me().await, None);
    let page = ann.get("/login?sso=sso.expired").await.text().await.unwrap();
    assert!(page.contains(app::i18n::Lang::En.t("sso.expired")), "the login page says what happened");
    let page = ann.get("/login?sso=nav.admin").await.text().await.unwrap();
    assert!(!page.contains("data-testid=\"sso-error\""), "only sign-in messages are shown");
}
on_both_databases!(a_wrong_state_a_replayed_code_and_an_expired_sign_in_are_refused);

/// Pressing a provider's button writes no session row: the flow waits in a signed cookie.
async fn anonymous_sign_in_starts_leave_no_session_behind(db: Db) {
    let (app, provider, _admin) = portal(db).await;
    let before = crate::platform::session_rows(&app, db).await;
    for _ in 0..300 {
        let visitor = app.browser();
        let answer = visitor.call("sso/start", &[("provider", SLUG)]).await;
        assert!(answer.headers["location"].to_str().unwrap().starts_with(&provider.issuer));
    }
    assert_eq!(crate::platform::session_rows(&app, db).await, before, "300 starts, no new session");
    // The cookie is the flow: a sign-in still completes, and a tampered cookie completes nothing.
    provider.account("ann", "ann@example.org", true, "Ann").await;
    let ann = app.browser();
    let back = callback_url(&ann, &provider, "ann").await;
    assert_eq!(finish(&ann, &back).await, "/dashboard");
    ann.call("accounts/logout", &[]).await;
    let mallory = app.browser();
    let authorize = start(&mallory).await;
    let back = through(&mallory.client, &provider.issuer, authorize, "ann").await;
    // `{}` with a made-up signature, from a client whose only cookie is that one.
    let bare = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let forged = bare.get(&back).header("cookie", "quorum_sso=e30.AAAA").send().await.unwrap();
    assert_eq!(location(&forged), "/login?sso=sso.expired", "a cookie not signed by the portal");
    assert_eq!(finish(&mallory, &back).await, "/dashboard", "the browser that started it completes it");
}
on_both_databases!(anonymous_sign_in_starts_leave_no_session_behind);

async fn a_token_signed_with_another_key_signs_nobody_in(db: Db) {
    let (app, provider, _admin) = portal(db).await;
    provider.account("ann", "ann@example.org", true, "Ann").await;
    provider.tamper_with_its_keys().await;
    let ann = app.browser();
    let back = callback_url(&ann, &provider, "ann").await;
    assert_eq!(finish(&ann, &back).await, "/login?sso=sso.bad_token");
    assert_eq!(ann.me().await, None);
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&app.pool).await.unwrap();
    assert_eq!(users, 1, "nobody was created");
}
on_both_databases!(a_token_signed_with_another_key_signs_nobody_in);

async fn an_unverified_email_is_refused(db: Db) {
    let (app, provider, _admin) = portal(db).await;
    provider.account("zed", "zed@example.org", false, "Zed").await;
    let zed = app.browser();
    let back = callback_url(&zed, &provider, "zed").await;
    assert_eq!(finish(&zed, &back).await, "/login?sso=sso.unverified");
    assert_eq!(zed.me().await, None);
    let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'zed@example.org'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(found, 0);
}
on_both_databases!(an_unverified_email_is_refused);

async fn approval_and_invitation_modes_hold_for_new_members(db: Db) {
    let (app, provider, admin) = portal(db).await;
    admin.call("admin/registration_mode", &[("mode", "approval")]).await.ok();
    provider.account("bea", "bea@example.org", true, "Bea").await;
    let bea = app.browser();
    let back = callback_url(&bea, &provider, "bea").await;
    assert_eq!(finish(&bea, &back).await, "/login?sso=login.pending");
    assert_eq!(bea.me().await, None);
    let status: String = sqlx::query_scalar("SELECT status FROM users WHERE email = 'bea@example.org'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "pending");
    let told = app.sink.wait_for("admin@example.coop", 1).await;
    assert!(told.decoded().contains("bea@example.org"), "the admin is told who waits");

    admin.call("admin/registration_mode", &[("mode", "invite")]).await.ok();
    provider.account("cy", "cy@example.org", true, "Cy").await;
    let cy = app.browser();
    let back = callback_url(&cy, &provider, "cy").await;
    assert_eq!(finish(&cy, &back).await, "/login?sso=sso.invite_only");
    admin.call("admin/invite", &[("email", "cy@example.org")]).await.ok();
    let back = callback_url(&cy, &provider, "cy").await;
    assert_eq!(finish(&cy, &back).await, "/dashboard", "the invitation lets Cy in");
    let used: Option<i64> = sqlx::query_scalar("SELECT used_at FROM invitations WHERE email = 'cy@example.org'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(used.is_some(), "and is used up");
}
on_both_databases!(approval_and_invitation_modes_hold_for_new_members);

async fn with_passwords_off_only_the_providers_sign_in(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    app.member("Ann", "ann@example.org", PW).await;
    let refused = admin.call("sso/passwords", &[]).await;
    assert_eq!(refused.refusal(), "sso.passwords_need_provider", "nobody could sign in");
    let provider = Provider::start().await;
    add_provider(&app, &provider, &admin).await;
    admin.call("sso/passwords", &[]).await.ok();
    let visitor = app.browser();
    let page = visitor.get("/login").await.text().await.unwrap();
    assert!(!page.contains("data-testid=\"login-form\"") && page.contains("data-testid=\"sso-buttons\""));
    assert_eq!(visitor.login("ann@example.org", PW).await.refusal(), "sso.passwords_off");
    assert_eq!(visitor.signup("Bo", "bo@example.org", PW).await.refusal(), "sso.passwords_off");
    assert_eq!(visitor.call("accounts/forgot", &[("email", "ann@example.org")]).await.refusal(), "sso.passwords_off");
    let last = admin.call("sso/delete", &[("slug", SLUG)]).await;
    assert_eq!(last.refusal(), "sso.last_provider");
    admin.call("sso/passwords", &[("passwords", "on")]).await.ok();
    visitor.login("ann@example.org", PW).await.ok();
    let page = admin.get("/admin/sign-in").await.text().await.unwrap();
    assert!(page.contains("Co-op account") && !page.contains(&provider.register(&app.base, "x").await.client_secret));
}
on_both_databases!(with_passwords_off_only_the_providers_sign_in);

/// A Greenlight member whose account there was external (Google) signs in through the co-op's
/// provider with the same verified email, and finds the room they had.
async fn an_imported_external_member_signs_in_and_finds_their_room(db: Db) {
    let (app, admin) = crate::legacy::portal(db).await;
    let provider = Provider::start().await;
    add_provider(&app, &provider, &admin).await;
    let carl_room =
        "INSERT INTO rooms (id, user_id, name, uid, bbb_id) VALUES (6, 3, 'Carl''s room', 'car-l00-m6z', 'ffff');";
    let legacy = crate::legacy::v2_with("zzz-zzz-zzz", carl_room).await;
    app::legacy::service::import::import(&app.state, &legacy, &crate::legacy::options(false)).await.unwrap();
    provider.account("carl", "carl@example.org", true, "Carl at the co-op").await;
    let carl = app.browser();
    let back = callback_url(&carl, &provider, "carl").await;
    assert_eq!(finish(&carl, &back).await, "/login?sso=sso.link_mailed", "the email alone links nothing");
    assert_eq!(carl.me().await, None);
    let token = app.sink.token_for("carl@example.org", "/sso/link?token=").await;
    carl.call("sso/link", &[("token", &token)]).await.ok();
    assert_eq!(carl.me().await.as_deref(), Some("carl@example.org"), "the mailed link links and signs in");
    let page = carl.get("/dashboard").await.text().await.unwrap();
    assert!(page.contains("Carl&#x27;s room") || page.contains("Carl's room"), "his room is there");
    assert!(carl.get("/r/car-l00-m6z").await.status().is_success());
}
on_both_databases!(an_imported_external_member_signs_in_and_finds_their_room);
