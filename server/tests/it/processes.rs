//! Two portal processes on one PostgreSQL database, as a co-op runs them behind a proxy: each
//! background job runs in one of them, another takes over when its holder is killed, and each
//! mail is sent once.
use crate::support::database::{self, Db};
use crate::support::smtp_sink::SmtpSink;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Portal {
    child: Child,
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(database_url: &str, smtp_port: u16, site: &std::path::Path) -> Portal {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .arg("serve")
        .env("QUORUM_BIND", format!("127.0.0.1:{port}"))
        .env("QUORUM_DATABASE_URL", database_url)
        .env("QUORUM_SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}"))
        .env("QUORUM_SITE_ROOT", site)
        .env("QUORUM_JOB_LEASE_SECONDS", "3")
        .env("QUORUM_METRICS_BIND", "127.0.0.1:0")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    Portal { child }
}

/// Waits, by looking again every few milliseconds, until `check` holds or `limit` passes. Real
/// processes keep real time: this is how long a takeover may take, not time made to pass.
async fn eventually<F: std::future::Future<Output = bool>>(limit: Duration, mut check: impl FnMut() -> F) -> bool {
    let until = Instant::now() + limit;
    while Instant::now() < until {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

async fn queue(pool: &app::db::Pool, recipients: std::ops::Range<usize>) {
    let mut tx = pool.begin().await.unwrap();
    for n in recipients {
        let mail = app::mail::Mail {
            kind: "test".into(),
            to: format!("member{n}@example.coop"),
            subject: format!("Notice {n}"),
            text: "t".into(),
            html: "<p>h</p>".into(),
            attachment: None,
        };
        app::mail::enqueue(&mut tx, app::clock::Clock::system().now(), &mail).await.unwrap();
    }
    tx.commit().await.unwrap();
}

/// Whether `count` mails are sent: the sink has them and the outbox records them. The record follows
/// the SMTP answer, so a look at the sink alone can fall between the two.
async fn sent(pool: &app::db::Pool, sink: &SmtpSink, count: usize) -> bool {
    let unsent: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL").fetch_one(pool).await.unwrap();
    sink.all().len() >= count && unsent == 0
}

async fn mail_holder(pool: &app::db::Pool) -> Option<String> {
    let clock = app::clock::Clock::system();
    app::jobs::lease::holder_of(pool, &clock, "mail").await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_the_jobs_and_hand_them_over() {
    let sink = SmtpSink::start().await;
    let url = database::fresh(Db::Postgres).await;
    let pool = app::db::connect(&url, 2).await.unwrap();
    let site = std::env::temp_dir().join(format!("quorum-two-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let mut portals = [start(&url, sink.port(), &site), start(&url, sink.port(), &site)];
    assert!(
        eventually(Duration::from_secs(30), || async { mail_holder(&pool).await.is_some() }).await,
        "no process took the mail job"
    );

    queue(&pool, 0..20).await;
    // Killed once the first mails are sent and recorded as sent: a process killed between the SMTP
    // server's acceptance of a mail and its record would send that one again after the lease
    // passes (at least once, never lost); see docs/architecture.md.
    assert!(eventually(Duration::from_secs(30), || sent(&pool, &sink, 20)).await, "the first mails did not go");
    let holder = mail_holder(&pool).await.unwrap();
    let pid: u32 = holder.split(':').next().unwrap().parse().unwrap();
    let killed = portals.iter().position(|p| p.child.id() == pid).expect("one of ours holds the mail job");
    let _ = portals[killed].child.kill(); // no goodbye: the lease is left to expire
    let _ = portals[killed].child.wait();
    let survivor = portals[1 - killed].child.id().to_string();

    let killed_at = Instant::now();
    queue(&pool, 20..40).await;
    let handed_over = eventually(Duration::from_secs(30), || sent(&pool, &sink, 40)).await;
    assert!(handed_over, "the surviving process did not take over the mail ({} sent)", sink.all().len());
    let takeover = killed_at.elapsed();
    assert!(takeover < Duration::from_secs(10), "took {takeover:?}: a takeover takes a lease (3 s), not a minute");
    let now_holder = mail_holder(&pool).await.unwrap();
    assert!(now_holder.starts_with(&format!("{survivor}:")), "{now_holder} holds the job, not {survivor}");
    let mut recipients: Vec<String> = sink.all().into_iter().flat_map(|m| m.to).collect();
    recipients.sort();
    let sent = recipients.len();
    recipients.dedup();
    assert_eq!((sent, recipients.len()), (40, 40), "each mail went exactly once");
    let _ = std::fs::remove_dir_all(site);
}
