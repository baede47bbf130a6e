//! Two portal processes on one PostgreSQL database, as a co-op runs them behind a proxy: each
//! background job runs in one of them, another takes over when its holder is killed, and each
//! mail is sent once.
use crate::support::database::{self, Db};
use crate::support::process::{Site, eventually, job_holder, queue, start};
use crate::support::smtp_sink::SmtpSink;
use std::time::{Duration, Instant};

/// Whether `count` mails are sent: the sink has them and the outbox records them. The record follows
/// the SMTP answer, so a look at the sink alone can fall between the two.
async fn sent(pool: &app::db::Pool, sink: &SmtpSink, count: usize) -> bool {
    let unsent: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL").fetch_one(pool).await.unwrap();
    sink.all().len() >= count && unsent == 0
}

async fn mail_holder(pool: &app::db::Pool) -> Option<String> {
    job_holder(pool, "mail").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_the_jobs_and_hand_them_over() {
    let sink = SmtpSink::start().await;
    let url = database::fresh(Db::Postgres).await;
    let pool = app::db::connect(&url, 2).await.unwrap();
    let site = Site::temporary();
    let mut portals = [start(&url, sink.port(), site.path()), start(&url, sink.port(), site.path())];
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
    let killed = portals.iter().position(|p| p.pid() == pid).expect("one of ours holds the mail job");
    portals[killed].kill(); // no goodbye: the lease is left to expire
    let survivor = portals[1 - killed].pid().to_string();

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
}
