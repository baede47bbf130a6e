//! The threads that hash passwords: one for every two cores (at least one), started once, so a
//! flood of logins leaves cores to the pages. Each argon2id check takes 19 MiB;
//! on tokio's blocking pool every burst would land on new threads, and each thread's allocator keeps
//! what it freed (glibc raises its mmap threshold after the first large free), so a flood of logins
//! grew the process by hundreds of megabytes. Here the same few threads do every hash, and memory is
//! bounded by the number of threads, not of requests. Jobs
//! waiting their turn are small closures in a queue; their callers wait as parked futures.
use crate::error::{AppError, AppResult};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, OnceLock};

type Job = Box<dyn FnOnce() + Send>;

fn queue() -> Option<&'static Mutex<Sender<Job>>> {
    static QUEUE: OnceLock<Option<Mutex<Sender<Job>>>> = OnceLock::new();
    QUEUE
        .get_or_init(|| {
            let (send, receive) = channel::<Job>();
            let receive = Arc::new(Mutex::new(receive));
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get().div_ceil(2));
            for i in 0..threads {
                let receive = receive.clone();
                let started = std::thread::Builder::new().name(format!("password-hash-{i}")).spawn(move || {
                    loop {
                        let job = match receive.lock() {
                            Ok(queue) => queue.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                });
                if let Err(e) = started {
                    tracing::error!(error = %e, "cannot start a password hashing thread");
                    return None;
                }
            }
            Some(Mutex::new(send))
        })
        .as_ref()
}

/// Runs `job` on one of the hashing threads and waits for its answer.
#[tracing::instrument(name = "accounts.hash_pool.run", level = "error", skip_all)]
pub async fn run<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    let (answer, answered) = tokio::sync::oneshot::channel();
    let lost = || AppError::internal("the password hashing threads are gone");
    let sent = queue().ok_or_else(lost)?.lock().map_err(|_| lost())?.send(Box::new(move || {
        let _ = answer.send(job());
    }));
    sent.map_err(|_| lost())?;
    answered.await.map_err(|_| lost())
}
