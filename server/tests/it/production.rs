//! The production path as a new admin meets it: the binary started from another folder, a SQLite
//! file that does not exist yet, a data folder that cannot be made.
use std::process::{Command, Stdio};

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("quorum-{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// True when `GET /readyz` on `port` answers 200 (the database opened and answers).
fn ready(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut tcp) = std::net::TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = tcp.set_read_timeout(Some(std::time::Duration::from_secs(2)));
    let mut answer = String::new();
    tcp.write_all(b"GET /readyz HTTP/1.0\r\n\r\n").is_ok()
        && tcp.read_to_string(&mut answer).is_ok()
        && answer.lines().next().is_some_and(|status| status.contains(" 200 "))
}

/// Runs `quorum serve` in `cwd` with the given environment until it exits, answers ready (then it
/// is stopped), or `seconds` pass; returns (exit code, or None when it was ready, and its errors).
fn serve_briefly(cwd: &std::path::Path, env: &[(&str, String)], seconds: u64) -> (Option<i32>, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_quorum"));
    command
        .arg("serve")
        .current_dir(cwd)
        .env("QUORUM_BIND", format!("127.0.0.1:{port}"))
        .env_remove("LEPTOS_SITE_ROOT");
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if ready(port) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        assert!(std::time::Instant::now() < deadline, "neither ready nor stopped after {seconds} s");
        std::thread::yield_now();
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut stderr = String::new();
    use std::io::Read;
    let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
    (code, stderr)
}

#[test]
fn started_away_from_its_site_it_stops_and_says_where_it_looked() {
    let cwd = temp_dir("elsewhere");
    let env = [
        ("QUORUM_DATABASE_URL", format!("sqlite://{}/q.db", cwd.display())),
        ("QUORUM_OUTBOX_DIR", cwd.join("outbox").display().to_string()),
    ];
    let (code, stderr) = serve_briefly(&cwd, &env, 20);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("site_root") && stderr.contains("target/site/pkg"), "{stderr}");
    assert!(!cwd.join("q.db").exists(), "nothing was started");
}

#[test]
fn a_new_sqlite_file_is_created_and_an_impossible_folder_is_named() {
    let cwd = temp_dir("fresh");
    std::fs::create_dir_all(cwd.join("site/pkg")).unwrap();
    let site = ("QUORUM_SITE_ROOT", cwd.join("site").display().to_string());
    let outbox = ("QUORUM_OUTBOX_DIR", cwd.join("outbox").display().to_string());
    // As the README writes it: no `?mode=rwc`, in a folder that does not exist yet.
    let db = cwd.join("data/new/quorum.db");
    let url = ("QUORUM_DATABASE_URL", format!("sqlite://{}", db.display()));
    let (code, stderr) = serve_briefly(&cwd, &[site.clone(), outbox.clone(), url], 30);
    assert_eq!(code, None, "it answers ready: {stderr}");
    assert!(db.exists(), "the SQLite file was created");

    std::fs::write(cwd.join("plain-file"), "not a folder").unwrap();
    let blocked = cwd.join("plain-file/sub/quorum.db");
    let url = ("QUORUM_DATABASE_URL", format!("sqlite://{}", blocked.display()));
    let (code, stderr) = serve_briefly(&cwd, &[site, outbox, url], 20);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("database_url") && stderr.contains("plain-file/sub"), "{stderr}");
}
