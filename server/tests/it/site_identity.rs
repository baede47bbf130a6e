//! The co-op's identity (issue 38): its name, colour, welcome and logo on every page and in every
//! mail, set by admins; a pale colour, a bad name or a file that is no picture refused next to its
//! field, with nothing saved; another process sees a change within the second.
use crate::announcements::home;
use crate::on_both_databases;
use crate::support::database::Db;
use crate::support::{TestApp, png};

const PW: &str = "correct horse battery";

async fn the_co_op_names_itself_on_every_page_and_in_mail(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    app.member("Ann", "ann@example.coop", PW).await;
    let before = home(&app, &app.browser(), "en").await;
    assert!(before.contains("<title>Your co-op's meeting rooms · Quorum</title>"), "{before}");

    // Each field's error next to it; nothing saved.
    let pale = admin.call("site/identity_save", &[("name", " "), ("accent", "#f1c40f"), ("welcome", "")]).await;
    assert_eq!(pale.field("name"), "field.site_name.required");
    assert_eq!(pale.field("accent"), "field.accent.contrast");
    let ratio = pale.err().field_errors().and_then(|f| f.get("accent")).and_then(|m| m.text("ratio"));
    assert_eq!(ratio, Some("1.5:1"), "the ratio is said");
    let bad = admin.call("site/identity_save", &[("name", "Riverside"), ("accent", "blue")]).await;
    assert_eq!(bad.field("accent"), "field.accent.invalid");
    assert_eq!(admin.call("site/identity", &[]).await.ok()["name"], "Quorum");

    let form = [("name", "Riverside Co-op"), ("accent", "#1A5276"), ("welcome", "Meet your neighbours here.")];
    admin.call("site/identity_save", &form).await.ok();
    let kept = admin.call("site/identity", &[]).await.ok().clone();
    assert_eq!((kept["name"].as_str(), kept["accent"].as_str()), (Some("Riverside Co-op"), Some("#1a5276")));

    // Every page wears it: the header, the tab's title, the colour, the welcome; "Quorum" nowhere.
    let page = home(&app, &app.browser(), "en").await;
    assert!(page.contains("<title>Your co-op's meeting rooms · Riverside Co-op</title>"), "{page}");
    assert!(page.contains("<style>:root{--accent:#1a5276}</style>"), "{page}");
    assert!(page.contains(r#"data-testid="welcome" class="lead">Meet your neighbours here."#), "{page}");
    assert!(!page.contains("Quorum"), "no page names the software once the co-op has a name: {page}");
    let dashboard = admin.get_html("/dashboard").await.text().await.unwrap();
    assert!(dashboard.contains(r#"class="brand"><!>Riverside Co-op"#) && !dashboard.contains("Quorum"), "{dashboard}");
    // A second process within the second.
    let other = TestApp::spawn_on(&app.database_url, app.clock.clone()).await;
    app.clock.advance(2);
    assert!(home(&other, &other.browser(), "de").await.contains("· Riverside Co-op</title>"));

    // The logo: read as a picture, by its bytes, never its name.
    let upload = |name: &'static str, bytes: Vec<u8>| {
        let admin = &admin;
        async move { admin.upload("site/logo_upload", name, &bytes).await }
    };
    assert_eq!(upload("logo.png", b"<svg onload=alert(1)>".to_vec()).await.field("file"), "field.logo.kind");
    assert_eq!(upload("logo.png", png()[..20].to_vec()).await.field("file"), "field.logo.unreadable");
    assert_eq!(upload("logo.png", Vec::new()).await.field("file"), "field.logo.empty");
    let mut huge = png();
    huge.resize(300 * 1024, 0);
    assert_eq!(upload("logo.png", huge).await.field("file"), "field.logo.too_large");
    assert!(app.browser().get("/site/logo").await.status() == 404, "none yet");
    upload("whatever.gif", png()).await.ok();
    let served = app.browser().get("/site/logo?v=1").await;
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.bytes().await.unwrap().to_vec(), png());
    let page = home(&app, &app.browser(), "en").await;
    assert!(page.contains(r#"class="brand"><img src="/site/logo?v=1" alt="" class="brand-logo">"#), "{page}");

    // Mail: the co-op's name as the sender and the signature, its logo at the top.
    app.browser().call("accounts/forgot", &[("email", "ann@example.coop")]).await.ok();
    let mail = app.sink.wait_for("ann@example.coop", 2).await;
    let text = mail.decoded();
    assert!(text.contains("From: \"Riverside Co-op\" <"), "{text}");
    // The text's signature, "-- " and the name (its space written `=20`).
    assert!(text.contains("--=20\r\nRiverside Co-op\r\n"), "{text}");
    assert!(text.contains(&format!(r#"<img src="{}/site/logo?v=1" alt="Riverside Co-op""#, app.base)), "{text}");
    assert!(!text.contains("Quorum"), "{text}");

    // A new logo replaces the old in the store; removing it leaves the name alone.
    upload("logo.png", png()).await.ok();
    assert_eq!(admin.call("site/identity", &[]).await.ok()["logo"], 2);
    admin.call("site/logo_remove", &[]).await.ok();
    assert_eq!(app.browser().get("/site/logo?v=2").await.status(), 404);
    // Uploaded again after a removal: a new version, so no browser keeps showing an old one.
    upload("logo.png", png()).await.ok();
    assert_eq!(admin.call("site/identity", &[]).await.ok()["logo"], 3);
    let served = app.browser().get("/site/logo?v=3").await;
    assert_eq!(served.headers()["cache-control"], "public, max-age=86400");
    assert_eq!(app.browser().get("/site/logo?v=2").await.headers()["cache-control"], "no-cache");
    admin.call("site/logo_remove", &[]).await.ok();
    let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM security_events WHERE kind = 'site.identity'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(logged, 6, "saved, three uploads, two removals");
}
on_both_databases!(the_co_op_names_itself_on_every_page_and_in_mail);

/// The footer's and the mail's legal links, a page the admins wrote, and the terms accepted at
/// sign-up with their version.
async fn legal_links_show_everywhere_and_new_members_accept_the_terms(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    let visitor = app.browser();
    let signup_page = visitor.get_html("/signup?n=0").await.text().await.unwrap();
    assert!(!signup_page.contains("accept_terms"), "no terms, no box");

    // Each field's error next to it; nothing saved.
    let wrong = [
        ("imprint_address", "javascript:alert(1)"),
        ("help_address", "https://help.example.coop"),
        ("help_body", "Ask us"),
        ("ask_terms", "on"),
    ];
    let refused = admin.call("site/links_save", &wrong).await;
    assert_eq!(refused.field("imprint_address"), "field.link.address");
    assert_eq!(refused.field("help_body"), "field.link.both");
    assert_eq!(refused.field("ask_terms"), "field.terms.none");
    assert_eq!(admin.call("site/links", &[]).await.ok()["links"], serde_json::json!([]));

    let form = [
        ("imprint_address", "https://example.coop/imprint"),
        ("terms_body", "Be kind.\n\nShare the room."),
        ("ask_terms", "on"),
    ];
    admin.call("site/links_save", &form).await.ok();
    let links = admin.call("site/links", &[]).await.ok().clone();
    assert_eq!(links["ask_terms"], true);
    let version = links["links"][1]["version"].as_i64().unwrap();
    assert_eq!(links["links"][1]["kind"], "terms");

    // Every page's footer, in the reader's language; the terms are a page here, the imprint elsewhere.
    let page = home(&app, &visitor, "de").await;
    assert!(page.contains(r#"<a href="https://example.coop/imprint">Impressum"#), "{page}");
    assert!(page.contains(r#"<a href="/legal/terms">Nutzungsbedingungen"#), "{page}");
    let terms = visitor.get_html("/legal/terms").await.text().await.unwrap();
    assert!(terms.contains("<p>Be kind.") && terms.contains("<p>Share the room."), "two paragraphs: {terms}");
    let legal = visitor.call("site/legal", &[("kind", "imprint")]).await;
    assert_eq!(legal.ok(), &serde_json::Value::Null, "the imprint is an address, not a page here");

    // Sign-up asks for the terms, refuses without them, and records the version accepted.
    let signup_page = visitor.get_html("/signup?n=1").await.text().await.unwrap();
    assert!(signup_page.contains(r#"name="accept_terms""#), "{signup_page}");
    let bea = app.browser();
    let refused = bea.signup("Bea", "bea@example.coop", PW).await;
    assert_eq!(refused.field("accept_terms"), "field.terms.required");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'bea@example.coop'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0, "nothing saved");
    let form = [
        ("name", "Bea"),
        ("email", "bea@example.coop"),
        ("password", PW),
        ("time_zone", "UTC"),
        ("accept_terms", "on"),
    ];
    bea.call("accounts/signup", &form).await.ok();
    let (accepted, at): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT terms_version, terms_accepted_at FROM users WHERE email = 'bea@example.coop'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((accepted, at), (Some(version), Some(app.clock.now().secs())));

    // Her mail carries the links under it, in full.
    let mail = app.sink.wait_for("bea@example.coop", 1).await.decoded();
    assert!(mail.contains(&format!("Terms of use: {}/legal/terms", app.base)), "{mail}");
    assert!(mail.contains("Imprint: https://example.coop/imprint"), "{mail}");

    // New terms are a new version: the next member accepts those.
    app.clock.advance(60);
    let form = [("imprint_address", "https://example.coop/imprint"), ("terms_body", "Be kinder."), ("ask_terms", "on")];
    admin.call("site/links_save", &form).await.ok();
    let newer = admin.call("site/links", &[]).await.ok()["links"][1]["version"].as_i64().unwrap();
    assert!(newer > version, "{newer} after {version}");
    let cy = app.browser();
    let form =
        [("name", "Cy"), ("email", "cy@example.coop"), ("password", PW), ("time_zone", "UTC"), ("accept_terms", "on")];
    cy.call("accounts/signup", &form).await.ok();
    let accepted: Option<i64> = sqlx::query_scalar("SELECT terms_version FROM users WHERE email = 'cy@example.coop'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(accepted, Some(newer));

    // Emptied and written again within the second: still a newer version.
    let empty = [("imprint_address", "https://example.coop/imprint")];
    admin.call("site/links_save", &empty).await.ok();
    let terms =
        [("imprint_address", "https://example.coop/imprint"), ("terms_body", "Be kinder."), ("ask_terms", "on")];
    admin.call("site/links_save", &terms).await.ok();
    let again = admin.call("site/links", &[]).await.ok()["links"][1]["version"].as_i64().unwrap();
    assert!(again > newer, "{again} after {newer}");
}
on_both_databases!(legal_links_show_everywhere_and_new_members_accept_the_terms);
