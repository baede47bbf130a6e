//! The contributions pages over HTTP: an export uploaded as a file and its report, an unmatched
//! contributor linked (and the member's tier following), a member naming their own profile,
//! manual contributions added, corrected and deleted with their audit log, and the CSV export.
use crate::contributions::EXPORT;
use crate::membership::{PW, give, tier_of, tiers};
use crate::on_both_databases;
use crate::support::TestApp;
use crate::support::database::Db;

async fn an_uploaded_export_is_reported_linked_and_changes_a_members_tier(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    tiers(&admin).await;
    app.member("Alice", "alice@example.org", PW).await;
    let bob = app.member("Bob", "bob@example.org", PW).await;
    let dai = app.member("Dai", "dai@example.org", PW).await;
    // Dai claims her profile before the import: it waits for an admin (the export has no email).
    assert_eq!(
        dai.call("contributions/profile", &[("slug", "not a slug!")]).await.field("slug"),
        "contributions.profile.invalid"
    );
    dai.call("contributions/profile", &[("slug", "https://opencollective.com/dai/")]).await.ok();
    bob.call("contributions/profile", &[("slug", "dai")]).await.ok();

    let upload = admin.upload("contributions/upload", "transactions.csv", EXPORT.as_bytes()).await;
    let id = upload.ok().as_i64().unwrap();
    assert_eq!(upload.headers["location"], format!("/admin/contributions?import={id}"));
    let page = admin.call("contributions/admin", &[("import", &id.to_string())]).await.ok().clone();
    let report = &page["last_import"];
    assert_eq!((report["added"].as_i64(), report["unmatched"].as_i64()), (Some(5), Some(3)), "{report}");
    assert_eq!(report["rejected"][0]["line"], 11);
    assert_eq!(dai.call("contributions/mine", &[]).await.ok()["contributions"], serde_json::json!([]));
    let claims = page["claims"].as_array().unwrap().clone();
    let claimants: Vec<&str> = claims.iter().map(|c| c["member"].as_str().unwrap()).collect();
    assert_eq!(claimants, ["Dai", "Bob"]);
    admin.call("contributions/confirm_claim", &[("claim", &claims[0]["id"].to_string())]).await.ok();
    admin.call("contributions/refuse_claim", &[("claim", &claims[1]["id"].to_string())]).await.ok();
    let page = admin.call("contributions/admin", &[]).await.ok().clone();
    let mine = dai.call("contributions/mine", &[]).await.ok().clone();
    assert_eq!(
        mine["contributions"][0]["amount"], "1,000 JPY",
        "hers once an admin confirmed her claim, written the English way"
    );
    assert_eq!(mine["profile"], "dai");

    // Bob's yearly 120 EUR waits in the queue until an admin links him.
    let queue = page["unmatched"].as_array().unwrap().clone();
    let names: Vec<&str> = queue.iter().map(|u| u["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Bob", "Carla"]);
    assert_eq!(tier_of(&bob).await.0, "Free");
    let bob_id = queue[0]["id"].as_i64().unwrap().to_string();
    let wrong = admin.call("contributions/link", &[("contributor", &bob_id), ("email", "nobody@example.org")]).await;
    assert_eq!(wrong.field("email"), "contributions.manual.no_member");
    admin.call("contributions/link", &[("contributor", &bob_id), ("email", "bob@example.org")]).await.ok();
    let yearly_at: i64 = sqlx::query_scalar("SELECT contributed_at FROM contributions WHERE external_ref = 'tx-7'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let expected = if app.clock.now().secs() - yearly_at < 330 * 86_400 { "Supporter" } else { "Free" };
    assert_eq!(tier_of(&bob).await.0, expected, "120 EUR a year is 10 a month while the year runs");
    let page = admin.call("contributions/admin", &[]).await.ok().clone();
    assert_eq!(page["unmatched"].as_array().unwrap().len(), 1, "Carla still waits");
    // A later file's rows of Bob are his without asking again.
    let later = EXPORT.replace("tx-7,a7,2026-01-15 09:30:00", "tx-70,a70,2026-11-20 09:30:00");
    admin.upload("contributions/upload", "later.csv", later.as_bytes()).await.ok();
    let owner: Option<i64> = sqlx::query_scalar("SELECT user_id FROM contributions WHERE external_ref = 'tx-70'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(owner, Some(app.user_id("bob@example.org").await));
    let empty = admin.upload("contributions/upload", "empty.csv", b"").await;
    assert_eq!(empty.field("file"), "contributions.file.empty");
}
on_both_databases!(an_uploaded_export_is_reported_linked_and_changes_a_members_tier);

async fn manual_contributions_are_audited_and_exported(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin("admin@example.coop").await;
    app.member("Ann", "ann@example.org", PW).await;
    let date = crate::schedule::day(&app, 0);
    let bad = [
        ("email", "nobody@example.org"),
        ("amount", "2.005"),
        ("currency", "EUR"),
        ("date", "someday"),
        ("frequency", "weekly"),
        ("source", "bank"),
    ];
    let answer = admin.call("contributions/save", &bad).await;
    for (field, key) in [
        ("email", "contributions.manual.no_member"),
        // Two thousand and five, or two euros and half a cent: refused, never guessed.
        ("amount", "contributions.amount_ambiguous"),
        ("date", "contributions.manual.date"),
        ("frequency", "contributions.manual.frequency"),
    ] {
        assert_eq!(answer.field(field), key);
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contributions").fetch_one(&app.pool).await.unwrap();
    assert_eq!(count, 0, "nothing half-saved");

    let id = give(&app, &admin, "ann@example.org", "25.50", "EUR", "monthly").await.to_string();
    let page = admin.call("contributions/admin", &[]).await.ok().clone();
    assert_eq!(page["unmatched"], serde_json::json!([]), "an entry made for a member waits for nobody");
    let correction = [
        ("id", id.as_str()),
        ("email", "ann@example.org"),
        ("amount", "52.50"),
        ("currency", "EUR"),
        ("date", date.as_str()),
        ("frequency", "monthly"),
        ("source", "bank"),
        ("reference", "SEPA 2026-11"),
        ("note", "digits swapped"),
    ];
    admin.call("contributions/save", &correction).await.ok();
    let form = admin.call("contributions/admin", &[("edit", &id)]).await.ok()["editing"].clone();
    assert_eq!((form["amount"].as_str(), form["reference"].as_str()), (Some("52.50"), Some("SEPA 2026-11")));
    let csv = admin.get("/api/contributions/export.csv").await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(csv.headers()["content-disposition"].to_str().unwrap().contains("contributions.csv"));
    let body = csv.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let header = reader.headers().unwrap().clone();
    let get = |name: &str| rows[0][header.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!((get("amount"), get("currency"), get("amount_minor")), ("52.50".into(), "EUR".into(), "5250".into()));
    assert_eq!((get("reference"), get("email")), ("SEPA 2026-11".into(), "ann@example.org".into()));

    admin.call("contributions/delete", &[("id", &id)]).await.ok();
    let audit = admin.call("contributions/admin", &[]).await.ok()["audit"].clone();
    let actions: Vec<&str> = audit.as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["delete", "correct", "add"], "newest first");
    assert_eq!(audit[0]["actor"], "Admin");
    assert!(
        audit[1]["old_value"].as_str().unwrap().contains("2550")
            && audit[1]["new_value"].as_str().unwrap().contains("5250")
    );

    // An imported contribution changes only through its source.
    crate::contributions::import(&app, "ann-c", "ann@example.org").await;
    let imported: i64 = sqlx::query_scalar("SELECT id FROM contributions").fetch_one(&app.pool).await.unwrap();
    let refused = admin.call("contributions/delete", &[("id", &imported.to_string())]).await;
    assert_eq!(refused.refusal(), "contributions.manual.imported");
}
on_both_databases!(manual_contributions_are_audited_and_exported);
