//! Open Collective exports as its exporter writes them (`server/tests/fixtures/opencollective/`):
//! both header forms (field names, and the labels of the dashboard's download), the default column
//! set (short ids, no email, no contribution id, no frequency) and the extended one, each newest
//! first with a refund listed before what it refunds.
use crate::on_both_databases;
use crate::support::TestApp;
use crate::support::database::Db;
use app::contributions::service::import::open_collective;

const PW: &str = "correct horse battery";

const EXPORTS: [(&str, &str); 4] = [
    ("default-fields", include_str!("../fixtures/opencollective/default-fields.csv")),
    ("default-labels", include_str!("../fixtures/opencollective/default-labels.csv")),
    ("extended-fields", include_str!("../fixtures/opencollective/extended-fields.csv")),
    ("extended-labels", include_str!("../fixtures/opencollective/extended-labels.csv")),
];

/// Ann's contributions: (amount, frequency, the amount of the row it refunds, her member id).
async fn anns(app: &TestApp) -> Vec<(i64, String, Option<i64>, Option<i64>)> {
    sqlx::query_as(
        "SELECT c.amount_minor, c.frequency, r.amount_minor, c.user_id FROM contributions c
           JOIN contributors k ON k.id = c.contributor_id LEFT JOIN contributions r ON r.id = c.refunds_id
         WHERE k.external_key = 'ann-oc' ORDER BY c.contributed_at",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

async fn exports_in_both_header_forms_and_both_column_sets_apply_their_refunds(db: Db) {
    for (name, export) in EXPORTS {
        let app = TestApp::spawn(db).await;
        app.member("Ann", "ann@example.org", PW).await;
        let ann = app.user_id("ann@example.org").await;
        let extended = name.starts_with("extended");
        let report = open_collective(&app.state, export.as_bytes()).await.unwrap();
        assert_eq!((report.added, report.refunds, report.ignored), (3, 1, 1), "{name}: {report:?}");
        assert_eq!(report.rejected, [], "{name}");
        // Without the extended columns: no email, so Ann waits for a link or a confirmed claim; no
        // frequency, so one-off; and the refund found by the short id of what it refunds.
        let (frequency, member) = if extended { ("monthly", Some(ann)) } else { ("oneoff", None) };
        assert_eq!(
            anns(&app).await,
            [
                (1000, frequency.to_string(), None, member),
                (1000, frequency.to_string(), None, member),
                (-1000, "oneoff".to_string(), Some(1000), member),
            ],
            "{name}: the refund reverses November's payment"
        );
        let refunded: String = sqlx::query_scalar(
            "SELECT c.external_ref FROM contributions c JOIN contributions r ON r.refunds_id = c.id",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap();
        let expected = if extended { "c0ffee02-1111-4111-8111-000000000002" } else { "short:c0ffee02" };
        assert_eq!(refunded, expected, "{name}");
        let notes: Vec<&str> = report.notes.iter().map(String::as_str).collect();
        let lacking = [
            "contributions.missing.email",
            "contributions.missing.frequency",
            "contributions.missing.order",
            "contributions.missing.short_id",
        ];
        assert_eq!(notes, if extended { &[][..] } else { &lacking[..] }, "{name}");
        let net: i64 = sqlx::query_scalar("SELECT CAST(SUM(amount_minor) AS BIGINT) FROM contributions")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(net, 1000 + 2500, "{name}: Ann's one month and Bob's 25 EUR");

        let again = open_collective(&app.state, export.as_bytes()).await.unwrap();
        assert_eq!((again.added, again.refunds, again.repeated), (0, 0, 4), "{name}: the same file adds nothing");
    }
}
on_both_databases!(exports_in_both_header_forms_and_both_column_sets_apply_their_refunds);

async fn an_export_without_the_columns_an_import_needs_is_refused_whole(db: Db) {
    let app = TestApp::spawn(db).await;
    let export =
        EXPORTS[0].1.replacen("\"oppositeAccountSlug\"", "\"somethingElse\"", 1).replacen("\"kind\"", "\"k\"", 1);
    let refused = open_collective(&app.state, export.as_bytes()).await.unwrap_err();
    let app::error::AppError::Refused(msg) = refused else { panic!("{refused:?}") };
    assert_eq!(
        (msg.key.as_str(), msg.text("columns")),
        ("contributions.file.columns", Some("kind, oppositeAccountSlug"))
    );
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contributions").fetch_one(&app.pool).await.unwrap();
    assert_eq!(rows, 0);
}
on_both_databases!(an_export_without_the_columns_an_import_needs_is_refused_whole);

/// A refund takes back only a gift of its own contributor: one naming another person's transaction
/// (by its id, or a short id with a wildcard in it) reverses nothing of theirs.
async fn a_refund_never_reverses_another_contributors_gift(db: Db) {
    let app = TestApp::spawn(db).await;
    let header =
        "datetime,id,type,kind,isRefund,refundId,shortRefundId,amount,currency,oppositeAccountSlug,oppositeAccountName";
    let export = format!(
        "{header}\n\
         2026-11-20T10:00:00,eve-refund-1,DEBIT,CONTRIBUTION,REFUND,ann-gift-0001,,-50,EUR,eve-oc,Eve\n\
         2026-11-21T10:00:00,eve-refund-2,DEBIT,CONTRIBUTION,REFUND,,%,-50,EUR,eve-oc,Eve\n\
         2026-11-01T10:00:00,ann-gift-0001,CREDIT,CONTRIBUTION,,,,50,EUR,ann-oc,Ann\n"
    );
    let report = open_collective(&app.state, export.as_bytes()).await.unwrap();
    assert_eq!(report.refunds, 0, "{report:?}");
    let refunded: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contributions WHERE refunds_id IS NOT NULL")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(refunded, 0, "Eve's refunds point at nothing of Ann's");
}
on_both_databases!(a_refund_never_reverses_another_contributors_gift);
