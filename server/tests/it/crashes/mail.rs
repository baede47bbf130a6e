//! The process sending the outbox killed in the middle of a batch, then started again: it takes the
//! mail job back once the dead run's lease has run out (3 s) and sends the rest. `processes.rs`
//! hands the job to a second process after a kill between batches; here one process is cut inside
//! a batch. The outbox marks a mail sent after the relay accepted it, one mail at a time: nothing
//! is lost, and only the mail the relay had when the process died, not yet marked, goes again.
use super::{count, settled};
use crate::support::database::{self, Db};
use crate::support::process::{Site, eventually, job_holder, queue, start};
use crate::support::smtp_sink::SmtpSink;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// One batch: the job sends at most 50 a run.
const MAILS: usize = 40;
const UNSENT: &str = "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_killed_in_the_middle_of_a_mail_batch_sends_the_rest_once_started_again() {
    // Each message waits 60 ms at the relay before it begins: the batch takes seconds.
    let sink = SmtpSink::start_slow(Duration::from_millis(60)).await;
    let url = database::fresh(Db::Postgres).await;
    let pool = app::db::connect(&url, 2).await.expect("the test's pool");
    let site = Site::temporary();
    queue(&pool, 0..MAILS).await;

    let mut first = start(&url, sink.port(), site.path());
    let sending = eventually(Duration::from_secs(30), || async { sink.all().len() >= 10 }).await;
    let was_running = first.running();
    first.kill();
    assert!(sending && was_running, "the kill did not land in the batch");
    settled(&pool).await;
    let marked = MAILS as i64 - count(&pool, UNSENT).await;
    let in_flight: String =
        sqlx::query_scalar("SELECT recipient FROM mail_outbox WHERE sent_at IS NULL ORDER BY id LIMIT 1")
            .fetch_one(&pool)
            .await
            .expect("mail left to send");
    let accepted = sink.all().len() as i64;
    assert!(accepted < MAILS as i64, "killed in the middle of the batch: {accepted} of {MAILS} had gone");
    assert!(
        (marked..=marked + 1).contains(&accepted),
        "{marked} marked sent, {accepted} at the relay: a mail is marked after the relay has it, one at a time"
    );

    let second = start(&url, sink.port(), site.path());
    let sent = eventually(Duration::from_secs(30), || async { count(&pool, UNSENT).await == 0 }).await;
    assert!(sent, "the process started again did not send the rest ({} at the relay)", sink.all().len());
    let holder = job_holder(&pool, "mail").await.unwrap_or_default();
    assert!(holder.starts_with(&format!("{}:", second.pid())), "{holder} holds the mail job, not the new process");
    let mut received: BTreeMap<String, usize> = BTreeMap::new();
    for to in sink.all().into_iter().flat_map(|m| m.to) {
        *received.entry(to).or_default() += 1;
    }
    let everyone: BTreeSet<String> = (0..MAILS).map(|n| format!("member{n}@example.coop")).collect();
    assert_eq!(received.keys().cloned().collect::<BTreeSet<_>>(), everyone, "every mail arrived, to no one else");
    // A copy sent again carries the same Message-ID: every recipient holds exactly one message.
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for mail in sink.all() {
        let id = mail.data.lines().find_map(|l| l.strip_prefix("Message-ID: ")).unwrap_or_default().to_string();
        assert!(id.starts_with("<outbox-"), "a mail without the outbox's Message-ID: {id:?}");
        for to in mail.to {
            ids.entry(to).or_default().insert(id.clone());
        }
    }
    assert!(ids.values().all(|ids| ids.len() == 1), "one Message-ID a recipient: {ids:?}");
    let twice: Vec<String> = received.iter().filter(|(_, n)| **n > 1).map(|(to, _)| to.clone()).collect();
    assert!(
        received.values().all(|n| *n <= 2) && twice.iter().all(|to| *to == in_flight),
        "sent again: {twice:?}; only {in_flight}, in flight at the kill, may go twice"
    );
}
