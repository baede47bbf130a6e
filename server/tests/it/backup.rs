//! Backups (issue 38): `quorum backup` copies a running SQLite portal while fifty writers go on,
//! holding every row written before it began; `quorum restore` puts it into an empty data folder,
//! whose portal opens with the members, the rows and the stored files; and refuses a folder in use.
use crate::support::database::{Db, fresh};
use crate::support::{TestApp, png};
use app::files::Place;
use server::cli::backup::{backup, restore};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

const PW: &str = "correct horse battery";

fn folder() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join("quorum-backups").join(uuid::Uuid::new_v4().simple().to_string());
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn count(pool: &app::db::Pool, up_to: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM security_events WHERE kind = 'backup.test' AND id <= $1")
        .bind(up_to)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_fifty_write_restores_whole() {
    let here = folder();
    let files = Place::Folder(here.join("files"));
    let kept = files.clone();
    let app = TestApp::spawn_with(Db::Sqlite, move |c| c.files = kept).await;
    let admin = app.admin("admin@example.coop").await;
    app.member("Ann", "ann@example.coop", PW).await;
    admin.upload("site/logo_upload", "logo.png", &png()).await.ok();

    // Fifty writers, each adding rows one by one through the security log, until told to stop.
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..50)
        .map(|n| {
            let (pool, clock, stop) = (app.pool.clone(), app.clock.clone(), stop.clone());
            tokio::spawn(async move {
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let subject = format!("writer {n} row {i}");
                    let event = app::security_log::Event {
                        kind: "backup.test",
                        actor_id: None,
                        subject: &subject,
                        address: "",
                        detail: "",
                    };
                    app::security_log::record(&pool, &clock, event).await.unwrap();
                    i += 1;
                }
            })
        })
        .collect();
    // The writers run on real time, not the test's clock: wait (10 s at most) for their rows.
    let mut waited = 0;
    while count(&app.pool, i64::MAX).await < 500 {
        assert!(waited < 500, "the writers wrote 500 rows within 10 s");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        waited += 1;
    }
    let last: i64 = sqlx::query_scalar("SELECT MAX(id) FROM security_events").fetch_one(&app.pool).await.unwrap();
    let before = count(&app.pool, last).await;

    let file = here.join("quorum.backup");
    let made = backup(&app.database_url, &files, &file).await.unwrap();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    assert_eq!(made.files, 1, "the logo");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "password hashes and sessions are in it");
    }
    assert!(count(&app.pool, i64::MAX).await > before, "the writers went on during the backup");

    // Restored into an empty folder: every row written before the backup began, and the file.
    let into = folder();
    let url = format!("sqlite://{}?mode=rwc", into.join("data/quorum.db").display());
    let restored_files = Place::Folder(into.join("data/files"));
    let back = restore(&url, &restored_files, &file).await.unwrap();
    assert_eq!(back.files, 1);
    let kept = restored_files.clone();
    let portal = TestApp::spawn_on_with(&url, move |c| c.files = kept).await;
    assert_eq!(count(&portal.pool, last).await, before, "every row written before the backup began");
    let ann = portal.browser();
    ann.login("ann@example.coop", PW).await.ok();
    assert_eq!(ann.get_html("/dashboard").await.status(), 200);
    let logo = portal.browser().get("/site/logo?v=1").await;
    assert_eq!(logo.bytes().await.unwrap().to_vec(), png(), "the stored file came back");

    // A folder in use is refused, and PostgreSQL is pointed to its own tools.
    let again = restore(&url, &restored_files, &file).await.unwrap_err();
    assert!(again.contains("exists: restore into an empty data folder"), "{again}");
    let nowhere = format!("sqlite://{}?mode=rwc", here.join("no/such.db").display());
    let missing = backup(&nowhere, &files, &here.join("none.backup")).await.unwrap_err();
    assert!(missing.contains("no database there") && !here.join("no/such.db").exists(), "{missing}");
    let pg = backup(&fresh(Db::Postgres).await, &files, &here.join("pg.backup")).await.unwrap_err();
    assert!(pg.contains("pg_dump"), "{pg}");
    let _ = std::fs::remove_dir_all(&here);
    let _ = std::fs::remove_dir_all(&into);
}
