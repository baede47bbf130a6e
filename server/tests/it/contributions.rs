//! Importing an Open Collective transactions export: what counts as member money, refunds, several
//! currencies, unmatched and repeated rows, a malformed row, columns in another order; the file in
//! one transaction, twice without doubling.
use crate::on_both_databases;
use crate::support::TestApp;
use crate::support::database::Db;
use app::contributions::service::import::open_collective;

const PW: &str = "correct horse battery";

/// Columns in another order than Open Collective writes them, with extra ones a reader must ignore.
pub const EXPORT: &str = "\
currency,amount,kind,type,id,shortId,datetime,isRefund,isRefunded,netAmount,oppositeAccountSlug,oppositeAccountName,oppositeAccountEmail,orderId,orderFrequency,description
EUR,10.00,CONTRIBUTION,CREDIT,tx-1,a1,2026-09-01T10:00:00.000Z,false,false,9.50,alice-c,Alice,alice@example.org,101,MONTHLY,Monthly contribution
EUR,10.00,CONTRIBUTION,CREDIT,tx-2,a2,2026-10-01T10:00:00.000Z,false,true,9.50,alice-c,Alice,alice@example.org,101,MONTHLY,Monthly contribution
EUR,-10.00,CONTRIBUTION,DEBIT,tx-3,a3,2026-10-05T10:00:00.000Z,true,false,-9.50,alice-c,Alice,,101,MONTHLY,Refund
EUR,-0.50,HOST_FEE,DEBIT,tx-4,a4,2026-09-01T10:00:00.000Z,false,false,-0.50,opencollective,Host,,101,MONTHLY,Host fee
EUR,1.00,PLATFORM_TIP,CREDIT,tx-5,a5,2026-09-01T10:00:00.000Z,false,false,1.00,alice-c,Alice,,101,,Tip
EUR,-40.00,EXPENSE,DEBIT,tx-6,a6,2026-09-10T10:00:00.000Z,false,false,-40.00,hosting-co,Hosting Co,,,,Servers
EUR,120.00,CONTRIBUTION,CREDIT,tx-7,a7,2026-01-15 09:30:00,false,false,114.00,bob-s,Bob,,102,YEARLY,Yearly
CAD,50,ADDED_FUNDS,CREDIT,tx-8,a8,2026-09-20T00:00:00Z,false,false,50,carla,Carla,,,,Bank transfer
JPY,1000,CONTRIBUTION,CREDIT,tx-9,a9,2026-09-21T00:00:00Z,false,false,950,dai,Dai,,103,ONETIME,Once
EUR,ten,CONTRIBUTION,CREDIT,tx-10,a10,2026-09-22T00:00:00Z,false,false,9,erin,Erin,,104,ONETIME,Broken
EUR,10.00,CONTRIBUTION,CREDIT,tx-1,a1,2026-09-01T10:00:00.000Z,false,false,9.50,alice-c,Alice,alice@example.org,101,MONTHLY,The same row again
";

async fn an_open_collective_export_is_imported_once_with_its_refunds_and_unmatched_contributors(db: Db) {
    let app = TestApp::spawn(db).await;
    app.member("Alice", "alice@example.org", PW).await;
    let report = open_collective(&app.state, EXPORT.as_bytes()).await.unwrap();
    assert_eq!((report.added, report.refunds, report.ignored), (5, 1, 3), "{report:?}");
    assert_eq!(report.repeated, 1, "the same transaction id twice in the file");
    assert_eq!(report.unmatched, 3, "Bob, Carla and Dai wait to be linked; Alice matched by email");
    assert_eq!(report.rejected.len(), 1);
    assert_eq!((report.rejected[0].line, report.rejected[0].reason.as_str()), (11, "contributions.row.amount"));
    let alice = app.user_id("alice@example.org").await;
    let net: i64 = sqlx::query_scalar("SELECT CAST(SUM(amount_minor) AS BIGINT) FROM contributions WHERE user_id = $1")
        .bind(alice)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(net, 1000, "two months of 10.00 EUR, one refunded: 10.00 in cents");
    let kept: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT currency, amount_minor, frequency FROM contributions WHERE external_ref IN ('tx-7', 'tx-8', 'tx-9') ORDER BY external_ref",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        kept,
        vec![
            ("EUR".into(), 12_000, "yearly".into()),
            ("CAD".into(), 5_000, "oneoff".into()),
            ("JPY".into(), 1_000, "oneoff".into())
        ]
    );
    // The same file again adds nothing and reverses nothing twice.
    let again = open_collective(&app.state, EXPORT.as_bytes()).await.unwrap();
    assert_eq!((again.added, again.refunds, again.repeated), (0, 0, 7));
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contributions").fetch_one(&app.pool).await.unwrap();
    assert_eq!(rows, 6, "five contributions and one refund");
    let broken = open_collective(&app.state, b"\xff\xfe not a csv").await.unwrap_err();
    assert!(
        matches!(broken, app::error::AppError::Refused(ref m) if m.key == "contributions.file.unreadable"),
        "{broken:?}"
    );
}
on_both_databases!(an_open_collective_export_is_imported_once_with_its_refunds_and_unmatched_contributors);

/// Imports one monthly 10.00 EUR contribution of `slug` with `email`, dated now.
pub async fn import(app: &TestApp, slug: &str, email: &str) {
    import_rows(app, &[(slug, email, "10.00")]).await;
}

/// One monthly contribution of `amount` EUR from each `(slug, email)`, dated now, as Open Collective
/// writes it with the email and order columns added.
pub async fn import_rows(app: &TestApp, rows: &[(&str, &str, &str)]) {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let header = ["datetime", "id", "type", "kind", "isRefund", "amount", "currency", "oppositeAccountSlug"];
    csv.write_record(header.iter().chain(&[
        "oppositeAccountName",
        "oppositeAccountEmail",
        "orderId",
        "orderFrequency",
    ]))
    .unwrap();
    let now = chrono::DateTime::from_timestamp(app.clock.now().secs(), 0).unwrap().to_rfc3339();
    for (slug, email, amount) in rows {
        let (id, order) = (format!("tx-{slug}"), format!("o-{slug}"));
        let row =
            [now.as_str(), &id, "CREDIT", "CONTRIBUTION", "", amount, "EUR", slug, slug, email, &order, "MONTHLY"];
        csv.write_record(row).unwrap();
    }
    open_collective(&app.state, &csv.into_inner().unwrap()).await.unwrap();
}
