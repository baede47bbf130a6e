//! PostgreSQL away under a running portal (restarted, the network cut): requests fail at once or
//! within the pool's wait with words a member understands and a 503, and the pool comes back by
//! itself when the database does, with no restart of the portal. The portal reaches PostgreSQL
//! through a TCP relay the test can cut, as a restart or a network fault cuts it.
use crate::support::TestApp;
use crate::support::database::{self, Db};
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

/// A TCP relay to PostgreSQL. Cut, it drops the connections it holds and stops listening, so new
/// ones are refused, as they are by a stopped server; restored, it listens on the same port again.
struct Relay {
    port: u16,
    target: String,
    accepting: std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
    dropped: Arc<Notify>,
}

impl Relay {
    async fn start(target: String) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a relay port");
        let port = listener.local_addr().expect("its address").port();
        let relay = Relay { port, target, accepting: std::sync::Mutex::new(None), dropped: Arc::new(Notify::new()) };
        relay.accept(listener);
        relay
    }

    fn accept(&self, listener: TcpListener) {
        let (target, dropped) = (self.target.clone(), self.dropped.clone());
        let task = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let (target, dropped) = (target.clone(), dropped.clone());
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(&target).await else { return };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = dropped.notified() => {}
                    }
                });
            }
        });
        *self.accepting.lock().expect("the relay's task") = Some(task);
    }

    fn cut(&self) {
        if let Some(task) = self.accepting.lock().expect("the relay's task").take() {
            task.abort();
        }
        self.dropped.notify_waiters();
    }

    async fn restore(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await.expect("the relay's port again");
        self.accept(listener);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_portal_whose_database_goes_away_says_so_and_recovers_by_itself() {
    let url = database::fresh(Db::Postgres).await;
    let (head, tail) = url.split_once('@').expect("a URL with a host");
    let (host, name) = tail.split_once('/').expect("a URL with a database");
    let relay = Relay::start(host.to_string()).await;
    let app = TestApp::spawn_on_with(&format!("{head}@127.0.0.1:{}/{name}", relay.port), |_| {}).await;
    let ann = app.member("Ann", "ann@example.coop", "correct horse battery").await;
    let status = |r: &reqwest::Response| r.status().as_u16();
    assert_eq!(status(&ann.get_html("/dashboard").await), 200);

    relay.cut();
    app.clock.advance(2); // past the second a page is shared for
    let started = std::time::Instant::now();
    let page = ann.get_html("/dashboard").await;
    assert_eq!(status(&page), 503, "a page while the database is away");
    let text = page.text().await.unwrap_or_default();
    assert!(text.contains("cannot reach its database"), "the page says why: {text}");
    let profile = [("name", "Ann Lee"), ("language", "en"), ("time_zone", "Europe/Paris")];
    let call = ann.call("accounts/profile", &profile).await;
    assert_eq!(call.err().message().key, "error.unavailable", "a member's action is told the same");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "answered within the pool's 3 s wait, not once per part"
    );

    relay.restore().await;
    assert_eq!(status(&ann.get_html("/dashboard").await), 200, "the pool came back by itself");
    assert_eq!(ann.call("accounts/profile", &profile).await.status, 200, "and writes again");
}
