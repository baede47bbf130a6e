//! The security review's smaller points: a room's recordings behind its gates and asked of its
//! region once a minute, admins who cannot demote each other into none, answers of bounded size,
//! a drained stop on SIGTERM, account deletion, and the security log.
use crate::on_both_databases;
use crate::rooms::{create, settings, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;
use app::error::AppError;

const PW: &str = "correct horse battery";

async fn room_recordings_keep_the_rooms_gates_and_spare_the_region(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    ann.call("rooms/settings", &settings(&slug, "eu", &[])).await.ok();
    let record = fake.add_recording(&app.meeting_id(&slug).await, "Talk");
    ann.call("recordings/visibility", &[("slug", &slug), ("record_id", &record), ("visibility", "public")]).await.ok();
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();

    let before = fake.count("getRecordings");
    for _ in 0..100 {
        let listed = app.browser().call("recordings/list", &[("slug", &slug)]).await;
        assert_eq!(listed.ok()["recordings"].as_array().unwrap().len(), 1);
    }
    assert!(
        fake.count("getRecordings") - before <= 1,
        "100 views, {} region calls",
        fake.count("getRecordings") - before
    );
    app.clock.advance(61);
    app.browser().call("recordings/list", &[("slug", &slug)]).await.ok();
    assert_eq!(fake.count("getRecordings") - before, 2, "asked again after a minute");

    // Kept for the room's people: a visitor gives the room's code to see it, counted as at the join.
    ann.call("recordings/visibility", &[("slug", &slug), ("record_id", &record), ("visibility", "room")]).await.ok();
    ann.call("rooms/settings", &settings(&slug, "eu", &[("viewer_code", "letmein1")])).await.ok();
    let visitor = app.browser();
    let gated = visitor.call("recordings/list", &[("slug", &slug)]).await.ok().clone();
    assert_eq!((gated["recordings"].as_array().unwrap().len(), &gated["code_opens_more"]), (0, &true.into()));
    let wrong = visitor.call("recordings/list", &[("slug", &slug), ("access_code", "guess-it")]).await;
    assert_eq!(wrong.field("access_code"), "field.access_code.wrong");
    let right = visitor.call("recordings/list", &[("slug", &slug), ("access_code", "letmein1")]).await;
    assert_eq!(right.ok()["recordings"].as_array().unwrap().len(), 1);
    // A room only signed-in members may join: its code lets no visitor in here either.
    ann.call("rooms/settings", &settings(&slug, "eu", &[("require_sign_in", "on")])).await.ok();
    let barred = visitor.call("recordings/list", &[("slug", &slug), ("access_code", "letmein1")]).await.ok().clone();
    assert_eq!((barred["recordings"].as_array().unwrap().len(), &barred["code_opens_more"]), (0, &false.into()));
}
on_both_databases!(room_recordings_keep_the_rooms_gates_and_spare_the_region);

async fn two_admins_cannot_demote_each_other_into_none(db: Db) {
    let app = TestApp::spawn(db).await;
    let dee = app.admin("dee@example.coop").await;
    let eli = app.admin("eli@example.coop").await;
    let dee_id = app.user_id("dee@example.coop").await.to_string();
    let eli_id = app.user_id("eli@example.coop").await.to_string();
    for action in ["make_member", "suspend"] {
        let (eli_form, dee_form) =
            ([("id", eli_id.as_str()), ("action", action)], [("id", dee_id.as_str()), ("action", action)]);
        let (a, b) =
            tokio::join!(dee.call("admin/account_action", &eli_form), eli.call("admin/account_action", &dee_form),);
        let done = [&a, &b].iter().filter(|x| x.result.is_ok()).count();
        let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND status = 'active'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(admins, 1, "{action}: one admin is left ({done} changes went through)");
        // Put things back for the next round.
        app::accounts::service::admin::create_admin(
            &app.pool,
            app.clock.now(),
            "dee@example.coop",
            "Dee",
            "admin password 1",
        )
        .await
        .unwrap();
        app::accounts::service::admin::create_admin(
            &app.pool,
            app.clock.now(),
            "eli@example.coop",
            "Eli",
            "admin password 1",
        )
        .await
        .unwrap();
        dee.login("dee@example.coop", "admin password 1").await;
        eli.login("eli@example.coop", "admin password 1").await;
    }
}
on_both_databases!(two_admins_cannot_demote_each_other_into_none);

#[tokio::test]
async fn a_region_cannot_make_the_portal_read_without_end() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/bigbluebutton/api/", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = socket.read(&mut request).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ntransfer-encoding: chunked\r\n\r\n";
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = vec![b' '; 1 << 20];
                for _ in 0..64 {
                    let frame = [format!("{:x}\r\n", chunk.len()).into_bytes(), chunk.clone(), b"\r\n".to_vec()];
                    if socket.write_all(&frame.concat()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    let client =
        app::bbb::client::Client::new(std::time::Duration::from_secs(2), std::time::Duration::from_secs(20)).unwrap();
    let endpoint = app::bbb::client::Endpoint::new(&url, "s", app::bbb::Algorithm::Sha256);
    let error = client.get_meetings(&endpoint).await.unwrap_err();
    assert!(matches!(error, app::bbb::error::BbbError::Malformed(ref m) if m.contains("bytes")), "{error:?}");
}

#[tokio::test]
async fn sigterm_drains_and_stops_cleanly() {
    let dir = std::env::temp_dir().join(format!("quorum-sigterm-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_quorum"))
        .arg("serve")
        .env("QUORUM_BIND", format!("127.0.0.1:{port}"))
        .env("QUORUM_DATABASE_URL", format!("sqlite://{}/q.db?mode=rwc", dir.display()))
        .env("QUORUM_OUTBOX_DIR", dir.join("outbox"))
        .env("QUORUM_SITE_ROOT", &dir)
        .env("QUORUM_METRICS_BIND", "127.0.0.1:0")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let health = format!("http://127.0.0.1:{port}/healthz");
    let mut up = false;
    for _ in 0..200 {
        if reqwest::get(&health).await.is_ok_and(|r| r.status() == 200) {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(up, "the portal did not start");
    let status = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = tokio::task::spawn_blocking(move || child.wait()).await.unwrap().unwrap();
    assert_eq!(exit.code(), Some(0), "stopped on its own, not killed: {exit:?}");
    let _ = std::fs::remove_dir_all(dir);
}

async fn deleting_an_account_ends_its_meetings_and_deletes_its_recordings(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    let meeting_id = app.meeting_id(&slug).await;
    fake.add_recording(&meeting_id, "Talk");
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    fake.set_mode(server::fake_bbb::Mode::Down);
    let refused = ann.call("accounts/delete", &[("current_password", PW)]).await;
    assert_eq!(refused.refusal(), "bbb.status", "nothing is deleted while the region cannot be told");
    assert!(ann.me().await.is_some());
    fake.set_mode(server::fake_bbb::Mode::Up);
    ann.call("accounts/delete", &[("current_password", PW)]).await.ok();
    assert!(fake.meeting(&meeting_id).is_none(), "the meeting was ended");
    assert_eq!(fake.count("deleteRecordings"), 1);
    assert!(fake.state().recordings.is_empty(), "its recordings are gone");
    let rooms: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rooms").fetch_one(&app.pool).await.unwrap();
    assert_eq!(rooms, 0);
}
on_both_databases!(deleting_an_account_ends_its_meetings_and_deletes_its_recordings);

async fn admins_read_the_security_log(db: Db) {
    let app = TestApp::spawn(db).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    app.browser().login("ann@example.coop", "not the password").await;
    ann.call("accounts/password", &[("current_password", PW), ("new_password", "another fine secret")]).await.ok();
    let dee = app.admin("dee@example.coop").await;
    dee.call("admin/registration_mode", &[("mode", "approval")]).await.ok();
    let all = dee.call("admin/security_log", &[("kind", ""), ("query", ""), ("page", "0")]).await.ok().clone();
    let kinds: Vec<&str> = all.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    for kind in ["login.ok", "login.failed", "password.changed", "registration.mode"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    let failed = dee.call("admin/security_log", &[("kind", "login.failed"), ("query", "ann@"), ("page", "0")]).await;
    let failed = failed.ok().as_array().unwrap().clone();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        (failed[0]["subject"].as_str(), failed[0]["address"].as_str()),
        (Some("ann@example.coop"), Some("127.0.0.1"))
    );
    assert!(failed[0]["when"].as_str().unwrap().ends_with("UTC"), "shown in the reader's zone, named");
    assert_eq!(
        ann.call("admin/security_log", &[("kind", ""), ("query", ""), ("page", "0")]).await.err(),
        &AppError::Forbidden
    );
}
on_both_databases!(admins_read_the_security_log);
