//! Which account a provider's identity signs in as, against the real test provider, on both
//! databases: identities are the issuer's, an existing account is linked only with its owner's
//! consent (signed in, or through the mailed link), and accounts without a password cost a login
//! as much as any other.
use crate::on_both_databases;
use crate::sso::{PW, SLUG, add_provider, callback_url, finish, portal, start};
use crate::support::database::Db;
use crate::support::oidc::{Provider, through};
use crate::support::{Browser, TestApp};

async fn identities(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM sso_identities").fetch_one(&app.pool).await.unwrap()
}

/// Points the provider's slug at `other`, as an admin may on the page.
async fn repoint(app: &TestApp, other: &Provider, admin: &Browser) {
    let client = other.register(&app.base, SLUG).await;
    let form = [
        ("slug", SLUG),
        ("label", "Co-op account"),
        ("issuer", other.issuer.as_str()),
        ("client_id", client.client_id.as_str()),
        ("client_secret", client.client_secret.as_str()),
        ("scopes", "openid email profile"),
    ];
    admin.call("sso/save", &form).await.ok();
}

async fn another_issuers_subject_is_another_person(db: Db) {
    let (app, first, admin) = portal(db).await;
    first.account("ann", "ann@example.org", true, "Ann").await;
    let ann = app.browser();
    let back = callback_url(&ann, &first, "ann").await;
    assert_eq!(finish(&ann, &back).await, "/dashboard");

    // The slug now names another issuer, where "ann" is somebody else.
    let second = Provider::start().await;
    repoint(&app, &second, &admin).await;
    second.account("ann", "mallory@example.org", true, "Mallory").await;
    let mallory = app.browser();
    let back = callback_url(&mallory, &second, "ann").await;
    assert_eq!(finish(&mallory, &back).await, "/dashboard");
    assert_eq!(mallory.me().await.as_deref(), Some("mallory@example.org"), "a new member, not Ann");
    let ann_links: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sso_identities i JOIN users u ON u.id = i.user_id WHERE u.email = 'ann@example.org'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(ann_links, 1, "Ann's link to the first issuer is still hers, and only hers");
}
on_both_databases!(another_issuers_subject_is_another_person);

async fn an_existing_account_is_linked_only_through_the_link_mailed_to_its_owner(db: Db) {
    let (app, provider, _admin) = portal(db).await;
    // Bea has no password: her account was made by the provider's first sign-in.
    provider.account("bea", "bea@example.org", true, "Bea").await;
    let bea = app.browser();
    let back = callback_url(&bea, &provider, "bea").await;
    assert_eq!(finish(&bea, &back).await, "/dashboard");
    bea.call("accounts/logout", &[]).await;
    app.member("Ann", "ann@example.org", PW).await;

    // Another identity vouching for each of their addresses signs nobody in and links nothing.
    provider.account("ann-elsewhere", "ann@example.org", true, "Ann?").await;
    provider.account("bea-elsewhere", "bea@example.org", true, "Bea?").await;
    for (account, email) in [("ann-elsewhere", "ann@example.org"), ("bea-elsewhere", "bea@example.org")] {
        // A browser each: the provider remembers who signed in there.
        let stranger = app.browser();
        let back = callback_url(&stranger, &provider, account).await;
        assert_eq!(finish(&stranger, &back).await, "/login?sso=sso.link_mailed", "{email}");
        assert_eq!(stranger.me().await, None, "never signed in silently as {email}");
    }
    assert_eq!(identities(&app).await, 1, "only Bea's own");
    let page = app.browser().get("/login?sso=sso.link_mailed").await.text().await.unwrap();
    assert!(page.contains("data-testid=\"sso-notice\""));

    // Ann follows her mail: linked, signed in, and told; the link works once.
    let token = app.sink.token_for("ann@example.org", "/sso/link?token=").await;
    let owner = app.browser();
    assert!(owner.get(&format!("/sso/link?token={token}")).await.status().is_success());
    assert_eq!(identities(&app).await, 1, "opening the page alone links nothing");
    owner.call("sso/link", &[("token", &token)]).await.ok();
    assert_eq!(owner.me().await.as_deref(), Some("ann@example.org"));
    assert_eq!(identities(&app).await, 2);
    // Her mails: the address's confirmation, the link, and now "a sign-in was linked".
    let linked = app.sink.wait_for("ann@example.org", 3).await.decoded();
    assert!(linked.contains("You can now sign in") && linked.contains("Co-op account"), "{linked}");
    let again = app.browser().call("sso/link", &[("token", &token)]).await;
    assert_eq!(again.refusal(), "token.used");
    let stranger = app.browser();
    let back = callback_url(&stranger, &provider, "ann-elsewhere").await;
    assert_eq!(finish(&stranger, &back).await, "/dashboard");
    assert_eq!(stranger.me().await.as_deref(), Some("ann@example.org"), "linked: it signs Ann in now");

    // Bea's link expires after an hour unused.
    let token = app.sink.token_for("bea@example.org", "/sso/link?token=").await;
    app.clock.advance(3601);
    assert_eq!(app.browser().call("sso/link", &[("token", &token)]).await.refusal(), "token.expired");
    assert_eq!(identities(&app).await, 2);

    // Bea sets a password through "forgot password": another sign-in method, and she is told.
    bea.call("accounts/forgot", &[("email", "bea@example.org")]).await.ok();
    let reset = app.sink.token_for("bea@example.org", "/password/reset?token=").await;
    let before = app.sink.count_to("bea@example.org");
    bea.call("accounts/reset", &[("token", &reset), ("password", "a brand new password")]).await.ok();
    app.run_job("mail").await;
    let told = app.sink.wait_for("bea@example.org", before + 1).await;
    assert!(told.decoded().contains("/password/forgot"), "the password-changed mail");
}
on_both_databases!(an_existing_account_is_linked_only_through_the_link_mailed_to_its_owner);

async fn a_signed_in_member_links_a_provider_and_is_told(db: Db) {
    let (app, provider, _admin) = portal(db).await;
    let cy = app.member("Cy", "cy@example.org", PW).await;
    provider.account("cy-at-idp", "cy.private@example.net", true, "Cy").await;
    let page = cy.get("/profile").await.text().await.unwrap();
    assert!(page.contains("data-testid=\"sso-link-providers\""), "the profile offers the providers");
    let authorize = start(&cy).await;
    let back = through(&cy.client, &provider.issuer, authorize, "cy-at-idp").await;
    assert_eq!(finish(&cy, &back).await, "/profile?saved=sso");
    assert_eq!(identities(&app).await, 1);
    let mail = app.sink.wait_for("cy@example.org", 2).await;
    assert!(mail.decoded().contains("Co-op account"), "Cy is told which sign-in was added");
    cy.call("accounts/logout", &[]).await;
    let back = callback_url(&cy, &provider, "cy-at-idp").await;
    assert_eq!(finish(&cy, &back).await, "/dashboard");
    assert_eq!(cy.me().await.as_deref(), Some("cy@example.org"));

    // An identity linked to Cy cannot be linked by another member.
    let dee = app.member("Dee", "dee@example.org", PW).await;
    let authorize = start(&dee).await;
    let back = through(&dee.client, &provider.issuer, authorize, "cy-at-idp").await;
    assert_eq!(finish(&dee, &back).await, "/login?sso=sso.linked_elsewhere");
    assert_eq!(identities(&app).await, 1);
}
on_both_databases!(a_signed_in_member_links_a_provider_and_is_told);

/// A login for an account without a password, like one for an unknown address, checks the
/// password against a digest once, as a wrong password does: none of them answers sooner.
async fn every_refused_login_checks_one_digest(db: Db) {
    use app::accounts::service::{login, password};
    let (app, provider, _admin) = portal(db).await;
    provider.account("ann", "ann@example.org", true, "Ann").await;
    let ann = app.browser();
    let back = callback_url(&ann, &provider, "ann").await;
    assert_eq!(finish(&ann, &back).await, "/dashboard");
    app.member("Bo", "bo@example.org", PW).await;
    for (email, address) in
        [("ann@example.org", "192.0.2.1"), ("nobody@example.org", "192.0.2.2"), ("bo@example.org", "192.0.2.3")]
    {
        let (result, checked) =
            password::counting(login::login(&app.pool, &app.clock, email, "a wrong password", address)).await;
        assert!(result.is_err(), "{email} is refused");
        assert_eq!(checked, 1, "{email}: one digest checked");
    }
    let (result, checked) =
        password::counting(login::login(&app.pool, &app.clock, "bo@example.org", PW, "192.0.2.4")).await;
    assert!(result.is_ok() && checked == 1);
}
on_both_databases!(every_refused_login_checks_one_digest);

/// A provider slug's old links count on the admin page only under the issuer they were made at.
async fn the_admin_page_counts_members_of_the_current_issuer(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    let first = Provider::start().await;
    add_provider(&app, &first, &admin).await;
    first.account("ann", "ann@example.org", true, "Ann").await;
    let ann = app.browser();
    let back = callback_url(&ann, &first, "ann").await;
    assert_eq!(finish(&ann, &back).await, "/dashboard");
    let members = || async { admin.call("sso/admin", &[]).await.ok()["providers"][0]["members"].as_i64() };
    assert_eq!(members().await, Some(1));
    let second = Provider::start().await;
    repoint(&app, &second, &admin).await;
    assert_eq!(members().await, Some(0), "the new issuer's links start empty");
}
on_both_databases!(the_admin_page_counts_members_of_the_current_issuer);

/// Identities linked before they had issuers: the migration gives those of a stored provider its
/// issuer, and the portal gives those of a configured provider its issuer when it starts.
async fn identities_made_before_issuers_take_their_providers_issuer(db: Db) {
    let url = crate::support::database::fresh(db).await;
    let folder = if db == Db::Sqlite { "sqlite" } else { "postgres" };
    let path = format!("{}/../migrations/{folder}", env!("CARGO_MANIFEST_DIR"));
    let mut earlier = sqlx::migrate::Migrator::new(std::path::Path::new(&path)).await.unwrap();
    earlier.migrations = earlier.migrations.iter().filter(|m| m.version < 20261206000002).cloned().collect();
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    earlier.run(&pool).await.unwrap();
    for statement in [
        "INSERT INTO users (id, email, name, password_hash, created_at) VALUES (1, 'a@example.org', 'A', '', 0)",
        "INSERT INTO users (id, email, name, password_hash, created_at) VALUES (2, 'b@example.org', 'B', '', 0)",
        "INSERT INTO sso_providers (slug, label, issuer, client_id, client_secret, scopes, created_at)
         VALUES ('stored', 'Stored', 'https://stored.example', 'c', 's', 'openid', 0)",
        "INSERT INTO sso_identities (provider, subject, user_id, email, linked_at) VALUES ('stored', 'x', 1, '', 0)",
        "INSERT INTO sso_identities (provider, subject, user_id, email, linked_at) VALUES ('coop', 'x', 2, '', 0)",
    ] {
        sqlx::query(statement).execute(&pool).await.unwrap();
    }
    pool.close().await;
    let configured = app::sso::service::providers::ProviderRecord {
        slug: "coop".into(),
        label: "Co-op account".into(),
        issuer: "https://id.example.coop".into(),
        client_id: "quorum".into(),
        client_secret: "s".into(),
        scopes: "openid".into(),
        from_config: true,
    };
    let app = TestApp::spawn_on_with(&url, |config| config.sso_providers = vec![configured]).await;
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT provider, issuer, user_id FROM sso_identities ORDER BY user_id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        rows,
        [("stored".into(), "https://stored.example".into(), 1), ("coop".into(), "https://id.example.coop".into(), 2)]
    );
}
on_both_databases!(identities_made_before_issuers_take_their_providers_issuer);
