//! The one way background work runs. A job has a name, an interval and a function over the
//! application's context. Before each run it takes a lease in the database, renewed while it runs,
//! so with several portal processes on one database each job runs in exactly one of them; when the
//! holder dies, another takes over once the lease expires (seconds, not minutes). Tests run a job on
//! demand with [`Runner::run_once`] instead of waiting for a loop.
use crate::clock::Clock;
use crate::db::Pool;
use crate::error::{AppError, AppResult};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, Notify, watch};

pub mod lease;

/// What the runner needs of the context its jobs run over (the application's state).
pub trait JobContext: Clone + Send + Sync + 'static {
    fn pool(&self) -> &Pool;
    fn clock(&self) -> &Clock;
}

/// What a job does: returns how many things it did (mails sent, rooms corrected).
pub type Work<C> = fn(C) -> Pin<Box<dyn Future<Output = AppResult<usize>> + Send>>;

pub struct Job<C> {
    pub name: &'static str,
    pub every: Duration,
    pub work: Work<C>,
    /// Runs at once when this is notified (the mail job, when mail is queued).
    pub woken_by: Option<Arc<Notify>>,
    /// One run at a time in this process.
    running: Mutex<()>,
}

impl<C: JobContext> Job<C> {
    pub fn new(name: &'static str, every: Duration, work: Work<C>) -> Job<C> {
        Job { name, every, work, woken_by: None, running: Mutex::new(()) }
    }

    pub fn woken_by(self, notify: Arc<Notify>) -> Job<C> {
        Job { woken_by: Some(notify), ..self }
    }
}

pub struct Runner<C> {
    /// This process, as the lease table names it: `pid:random`.
    holder: String,
    /// How long a lease lasts unless renewed (renewed every third of it while a job runs).
    lease_seconds: i64,
    jobs: Vec<Job<C>>,
}

impl<C: JobContext> Runner<C> {
    pub fn new(jobs: Vec<Job<C>>, lease_seconds: i64) -> Runner<C> {
        let holder = format!("{}:{}", std::process::id(), uuid_like());
        Runner { holder, lease_seconds: lease_seconds.max(2), jobs }
    }

    pub fn holder(&self) -> &str {
        &self.holder
    }

    /// Runs job `name` once if this process holds (or can take) its lease; `None` when another
    /// process holds it.
    pub async fn run_once(&self, ctx: &C, name: &str) -> AppResult<Option<usize>> {
        let job = self.jobs.iter().find(|j| j.name == name).ok_or(AppError::NotFound)?;
        let _alone_here = job.running.lock().await;
        if !lease::take(ctx.pool(), ctx.clock(), name, &self.holder, self.lease_seconds).await? {
            return Ok(None);
        }
        let started = std::time::Instant::now();
        let work = (job.work)(ctx.clone());
        tokio::pin!(work);
        let mut renew = tokio::time::interval(Duration::from_secs((self.lease_seconds / 3).max(1) as u64));
        renew.tick().await;
        loop {
            tokio::select! {
                done = &mut work => {
                    let outcome = if done.is_ok() { "ok" } else { "error" };
                    metrics::counter!("job_runs_total", "job" => name.to_string(), "outcome" => outcome).increment(1);
                    metrics::histogram!("job_duration_seconds", "job" => name.to_string()).record(started.elapsed().as_secs_f64());
                    return done.map(Some);
                }
                _ = renew.tick() => {
                    if !lease::take(ctx.pool(), ctx.clock(), name, &self.holder, self.lease_seconds).await? {
                        tracing::warn!(job = name, "lost the lease while running");
                    }
                }
            }
        }
    }

    /// Runs every job on its interval (or when woken) until `stop` turns true; each finishes the
    /// run it is in, then this process gives up its leases so another takes over at once.
    pub async fn run_until_stopped(self: Arc<Self>, ctx: C, stop: watch::Receiver<bool>) {
        let loops: Vec<_> = (0..self.jobs.len())
            .map(|i| tokio::spawn(self.clone().run_job_loop(ctx.clone(), i, stop.clone())))
            .collect();
        for handle in loops {
            let _ = handle.await;
        }
        if let Err(e) = lease::release_all(ctx.pool(), &self.holder).await {
            tracing::warn!(error = %e, "could not give up the job leases");
        }
    }

    async fn run_job_loop(self: Arc<Self>, ctx: C, index: usize, mut stop: watch::Receiver<bool>) {
        let job = &self.jobs[index];
        let mut tick = tokio::time::interval(job.every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let never = Arc::new(Notify::new());
        let woken_by = job.woken_by.clone().unwrap_or(never);
        while !*stop.borrow() {
            tokio::select! {
                _ = tick.tick() => {}
                _ = woken_by.notified() => {}
                _ = stop.changed() => break,
            }
            if let Err(e) = self.run_once(&ctx, job.name).await {
                tracing::warn!(job = job.name, error = %e, "job failed");
            }
        }
    }
}

fn uuid_like() -> String {
    use rand::Rng;
    hex::encode(rand::thread_rng().r#gen::<[u8; 8]>())
}
