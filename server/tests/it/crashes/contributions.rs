//! An Open Collective import killed inside its one transaction leaves nothing of the file; the same
//! file imported again lands whole, each transaction once, as a single clean import does.
use super::{count, settled};
use crate::support::database::{self, Db};
use crate::support::process::{cli, eventually, run};
use app::contributions::service::opencollective::{self, Entry};
use std::collections::BTreeSet;
use std::time::Duration;

/// Rows of the export: enough that its import takes a while.
const ROWS: usize = 10_000;

/// The benchmark's export (`server/examples/contributions/`): monthly and yearly contributions of
/// 500 contributors, added funds, host fees (not member money) and refunds of earlier months.
#[path = "../../../examples/contributions/export.rs"]
mod made_up;

fn export() -> Vec<u8> {
    made_up::export(ROWS, 500).expect("the export")
}

/// What one clean import of `data` keeps, read from the file: the contributions it adds, every
/// transaction's reference (contributions and refunds), the contributors, and the net amount.
struct Expected {
    added: usize,
    refs: BTreeSet<String>,
    contributors: usize,
    net: i64,
}

fn expected(data: &[u8]) -> Expected {
    let Ok(export) = opencollective::read(data) else { panic!("the export is readable") };
    let (mut added, mut refs, mut contributors, mut net) = (0, BTreeSet::new(), BTreeSet::new(), 0);
    for (_, entry) in &export.lines {
        let (id, money, slug) = match entry {
            Ok(Entry::Contribution { id, money, slug, .. }) => {
                added += 1;
                (id, money, slug)
            }
            Ok(Entry::Refund { id, money, slug, .. }) => (id, money, slug),
            _ => continue,
        };
        refs.insert(id.clone());
        contributors.insert(slug.clone());
        net += money.minor;
    }
    Expected { added, refs, contributors: contributors.len(), net }
}

/// Contribution rows begun, committed or not: a sequence is not rolled back.
const BEGUN: &str = "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM contributions_id_seq";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contributions_import_killed_in_its_transaction_leaves_nothing_and_the_file_then_lands_once() {
    let url = database::fresh(Db::Postgres).await;
    let pool = app::db::connect(&url, 2).await.expect("the test's pool");
    let data = export();
    let expected = expected(&data);
    let file = std::env::temp_dir().join(format!("quorum-export-{}.csv", uuid::Uuid::new_v4().simple()));
    std::fs::write(&file, data).expect("the export written");
    let args = ["contributions", "import", file.to_str().expect("a UTF-8 path")];

    let mut first = cli(&url, &args);
    let arriving = eventually(Duration::from_secs(30), || async { count(&pool, BEGUN).await >= 1000 }).await;
    let was_running = first.running();
    first.kill();
    assert!(arriving && was_running, "the kill did not land while rows arrived");
    settled(&pool).await;
    let left = (
        count(&pool, "SELECT COUNT(*) FROM contributions").await,
        count(&pool, "SELECT COUNT(*) FROM contributors").await,
    );
    assert_eq!(left, (0, 0), "the file is one transaction: killed in it, nothing of it stays");

    let again = run(&url, &args).await;
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let report = format!("added {}, already imported 0, ", expected.added);
    assert!(said.lines().any(|l| l.starts_with(&report)), "the killed run left nothing behind: {said}");
    let refs: Vec<String> =
        sqlx::query_scalar("SELECT external_ref FROM contributions").fetch_all(&pool).await.expect("contributions");
    assert_eq!(refs.len(), expected.refs.len(), "each transaction once");
    assert_eq!(refs.into_iter().collect::<BTreeSet<_>>(), expected.refs, "each transaction of the file");
    let net = count(&pool, "SELECT CAST(SUM(amount_minor) AS BIGINT) FROM contributions").await;
    assert_eq!(net, expected.net, "the money, once");
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM contributors").await, expected.contributors as i64);
    let _ = std::fs::remove_file(&file);
}
