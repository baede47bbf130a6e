//! Processes of the real binary, as a co-op runs them: `quorum serve` on a database with its mail
//! going to a relay, and the command line's imports. `Child::kill` sends SIGKILL on Unix (`kill -9`):
//! the process gets no chance to answer, commit or give up a lease. A process is killed when dropped,
//! so a failed test leaves none behind.
use super::Browser;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The binary with what every process of a test shares: its database, job leases of 3 s (a killed
/// holder's jobs are taken over that long after), the suite's servers on loopback allowed, quiet
/// logs, and mail written to a folder unless a relay is given.
fn quorum(database_url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quorum"));
    command
        .env("QUORUM_DATABASE_URL", database_url)
        .env("QUORUM_JOB_LEASE_SECONDS", "3")
        .env("QUORUM_ALLOW_INTERNAL_NETWORK", "true")
        .env("QUORUM_OUTBOX_DIR", std::env::temp_dir().join("quorum-process-outbox"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null());
    command
}

/// A process of the binary.
pub struct Process {
    child: Child,
}

impl Process {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether it is still at work: it has not ended by itself.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// `kill -9`, then waits until it is gone.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `quorum serve`, and where it listens.
pub struct Portal {
    pub process: Process,
    pub base: String,
}

impl Portal {
    pub fn pid(&self) -> u32 {
        self.process.pid()
    }

    pub fn running(&mut self) -> bool {
        self.process.running()
    }

    pub fn kill(&mut self) {
        self.process.kill()
    }

    /// Whether it answers `/healthz`.
    pub async fn answers(&self) -> bool {
        reqwest::get(format!("{}/healthz", self.base)).await.is_ok_and(|r| r.status().is_success())
    }

    /// A new browser of this portal: its own cookie jar.
    pub fn browser(&self) -> Browser {
        Browser::at(&self.base)
    }
}

/// `quorum serve` on a free port, its mail relayed to `smtp_port`, its site in `site`; not waited for.
pub fn start(database_url: &str, smtp_port: u16, site: &Path) -> Portal {
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("its port").port();
    let child = quorum(database_url)
        .arg("serve")
        .env("QUORUM_BIND", format!("127.0.0.1:{port}"))
        .env("QUORUM_SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}"))
        .env("QUORUM_SITE_ROOT", site)
        .env("QUORUM_METRICS_BIND", "127.0.0.1:0")
        .spawn()
        .expect("quorum serve starts");
    Portal { process: Process { child }, base: format!("http://127.0.0.1:{port}") }
}

/// `quorum serve` as [`start`] starts it, once it answers.
pub async fn serving(database_url: &str, smtp_port: u16, site: &Path) -> Portal {
    let portal = start(database_url, smtp_port, site);
    assert!(eventually(Duration::from_secs(30), || portal.answers()).await, "quorum serve did not answer");
    portal
}

/// A command line of the binary (`legacy import …`) on `database_url`, started and left running.
pub fn cli(database_url: &str, args: &[&str]) -> Process {
    let child = quorum(database_url).args(args).spawn().expect("quorum starts");
    Process { child }
}

/// A command line of the binary run to its end: how it ended and what it printed.
pub async fn run(database_url: &str, args: &[&str]) -> Output {
    let url = database_url.to_string();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let output = move || quorum(&url).args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).output();
    tokio::task::spawn_blocking(output).await.expect("the run is waited for").expect("quorum runs")
}

/// A folder standing for the built site (`quorum serve` wants its `pkg/`), removed when dropped.
pub struct Site(PathBuf);

impl Site {
    pub fn temporary() -> Site {
        let path = std::env::temp_dir().join(format!("quorum-site-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(path.join("pkg")).expect("a site folder");
        Site(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Waits, by looking again every few milliseconds, until `check` holds or `limit` passes. Real
/// processes keep real time: this is how long a takeover may take, not time made to pass.
pub async fn eventually<F: std::future::Future<Output = bool>>(limit: Duration, mut check: impl FnMut() -> F) -> bool {
    let until = Instant::now() + limit;
    while Instant::now() < until {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

/// Queues a notice to `member{n}@example.coop` for each `n` of `recipients`, in one transaction.
pub async fn queue(pool: &app::db::Pool, recipients: std::ops::Range<usize>) {
    let mut tx = pool.begin().await.expect("a transaction");
    for n in recipients {
        let mail = app::mail::Mail {
            kind: "test".into(),
            to: format!("member{n}@example.coop"),
            subject: format!("Notice {n}"),
            text: "t".into(),
            html: "<p>h</p>".into(),
            attachment: None,
            lang: app::i18n::Lang::En,
        };
        app::mail::enqueue(&mut tx, app::clock::Clock::system().now(), &mail).await.expect("queued");
    }
    tx.commit().await.expect("committed");
}

/// The process holding background job `name`'s lease now (`pid:random`), if any.
pub async fn job_holder(pool: &app::db::Pool, name: &str) -> Option<String> {
    app::jobs::lease::holder_of(pool, &app::clock::Clock::system(), name).await.expect("the job leases")
}
