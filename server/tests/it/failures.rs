//! A statement that fails is logged once, on a line that names the operation and the statement
//! (`monitoring.status.all: read region_health`) and carries the request's id: the real binary, its
//! real log, a database broken under it.
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[tokio::test]
async fn a_failed_statement_is_logged_with_its_operation_and_the_request_id() {
    let dir = std::env::temp_dir().join(format!("quorum-failure-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("quorum.db").display());
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .arg("serve")
        .env("QUORUM_BIND", format!("127.0.0.1:{port}"))
        .env("QUORUM_DATABASE_URL", &url)
        .env("QUORUM_SITE_ROOT", &dir)
        .env("QUORUM_OUTBOX_DIR", dir.join("outbox"))
        .env("RUST_LOG", "warn")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let until = Instant::now() + Duration::from_secs(30);
    while client.get(format!("{base}/readyz")).send().await.map(|r| !r.status().is_success()).unwrap_or(true) {
        assert!(Instant::now() < until, "the portal did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let pool = app::db::connect(&url, 1).await.unwrap();
    sqlx::query("DROP TABLE region_health").execute(&pool).await.unwrap();
    let answer = client.get(format!("{base}/status.json")).send().await.unwrap();
    assert_eq!(answer.status(), 500);
    let request_id = answer.headers()["x-request-id"].to_str().unwrap().to_string();

    child.kill().unwrap();
    child.wait().unwrap();
    let mut log = String::new();
    child.stdout.take().unwrap().read_to_string(&mut log).unwrap();
    child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    let failed: Vec<&str> = log.lines().filter(|l| l.contains("request failed")).collect();
    assert_eq!(failed.len(), 1, "logged once:\n{log}");
    let line = failed[0];
    assert!(line.contains(&request_id), "the request's id: {line}");
    assert!(line.contains("monitoring.status."), "the operation: {line}");
    assert!(line.contains(": read region_health: database:"), "the statement: {line}");
    assert!(line.contains("no such table: region_health"), "the cause: {line}");
    println!("{line}");
    let _ = std::fs::remove_dir_all(dir);
}
