//! Importing from legacy Greenlight databases, built here in PostgreSQL from the documented tables
//! (../shared/legacy-greenlight.md) with bcrypt digests made by an independent implementation
//! (Python's `bcrypt`): members sign in through the real login with their old passwords, rooms keep
//! their links, ids and settings, every skip and conflict is reported, a re-run adds nothing, a dry
//! run writes nothing, and old links lead to the rooms.
use crate::on_both_databases;
use crate::rooms::{add_region, create};
use crate::support::TestApp;
use crate::support::database::{Db, fresh};
use app::legacy::model::{OnConflict, Options, Report, Version};
use app::legacy::service::import::import;
use server::fake_bbb::{self, Fake};
use sqlx::Connection;

pub const PW: &str = "correct horse battery";

/// A bcrypt digest of `password` made by Python's bcrypt, written the way Rails wrote it (`$2a$`).
pub fn bcrypt(password: &str) -> String {
    let python =
        std::env::var("QUORUM_PYTHON").expect("QUORUM_PYTHON names a Python with `bcrypt` (scripts/test sets it)");
    let out = std::process::Command::new(python)
        .args([
            "-c",
            "import bcrypt, sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(4)).decode())",
            password,
        ])
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().replacen("$2b$", "$2a$", 1)
}

pub async fn legacy_db(schema: &str) -> String {
    let url = fresh(Db::Postgres).await;
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::raw_sql(schema).execute(&mut conn).await.unwrap();
    url
}

/// A Greenlight v2 database: Ann (unicode password, a room with settings and codes, shared with Bob
/// and with Eve), Bob (a legacy admin), Carl (Google), a deleted Dee, a pending Eve with a room, the
/// super admin, Fay whose email has an account here, Gus whose room's link is taken here.
pub async fn v2(taken_link: &str) -> String {
    v2_with(taken_link, "").await
}

/// The v2 instance with `extra` SQL run after its rows (more rows for a test of its own).
pub async fn v2_with(taken_link: &str, extra: &str) -> String {
    let ann = bcrypt("Grüße aus Köln 🌧");
    let bob = bcrypt(PW);
    let gus = bcrypt(PW);
    legacy_db(&format!(
        r#"
        CREATE TABLE roles (id serial PRIMARY KEY, name varchar, provider varchar, priority int DEFAULT 0);
        CREATE TABLE users (id serial PRIMARY KEY, room_id int, provider varchar, uid varchar, name varchar,
            username varchar, email varchar, social_uid varchar, password_digest varchar UNIQUE,
            accepted_terms boolean, email_verified boolean DEFAULT false, language varchar DEFAULT 'default',
            deleted boolean NOT NULL DEFAULT false, role_id int, created_at timestamp, updated_at timestamp);
        CREATE TABLE rooms (id serial PRIMARY KEY, user_id int, name varchar, uid varchar, bbb_id varchar,
            sessions int DEFAULT 0, last_session timestamp, room_settings varchar DEFAULT '{{ }}',
            moderator_pw varchar, attendee_pw varchar, access_code varchar, moderator_access_code varchar,
            deleted boolean NOT NULL DEFAULT false, created_at timestamp, updated_at timestamp);
        CREATE TABLE shared_accesses (id serial PRIMARY KEY, room_id int, user_id int, created_at timestamp);
        INSERT INTO roles (id, name, provider) VALUES (1, 'admin', 'greenlight'), (2, 'user', 'greenlight'),
            (3, 'super_admin', 'greenlight'), (4, 'pending', 'greenlight'), (5, 'denied', 'greenlight');
        INSERT INTO users (id, provider, uid, name, email, password_digest, language, deleted, role_id, email_verified) VALUES
            (1, 'greenlight', 'gl-aaaaaaaaaaaa', 'Ann Legacy', 'Ann@Example.org', '{ann}', 'de', false, 2, true),
            (2, 'greenlight', 'gl-bbbbbbbbbbbb', 'Bob Legacy', 'bob@example.org', '{bob}', 'default', false, 1, true),
            (3, 'google', 'gl-cccccccccccc', 'Carl Google', 'carl@example.org', NULL, 'fr', false, 2, true),
            (4, 'greenlight', 'gl-dddddddddddd', 'Dee Deleted', 'dee@example.org', NULL, 'en', true, 2, true),
            (5, 'greenlight', 'gl-eeeeeeeeeeee', 'Eve Pending', 'eve@example.org', NULL, 'en', false, 4, false),
            (6, 'greenlight', 'gl-ffffffffffff', 'Root', 'root@example.org', NULL, 'en', false, 3, true),
            (7, 'greenlight', 'gl-gggggggggggg', 'Fay Taken', 'Taken@Example.org', NULL, 'en', false, 2, true),
            (8, 'greenlight', 'gl-hhhhhhhhhhhh', 'Gus Clash', 'gus@example.org', '{gus}', 'en', false, 2, true);
        INSERT INTO rooms (id, user_id, name, uid, bbb_id, room_settings, access_code, moderator_access_code, deleted) VALUES
            (1, 1, 'Ann''s room', 'ann-x4p-q2z', '{m1}', '{{"muteOnStart":true,"requireModeratorApproval":true,"anyoneCanStart":false,"joinModerator":true,"recording":true}}', '123456', '', false),
            (2, 1, 'Old room', 'ann-old-roo', '{m2}', '{{ }}', NULL, NULL, true),
            (3, 5, 'Eve''s room', 'eve-x9p-k2z', '{m3}', '{{ }}', NULL, NULL, false),
            (4, 8, 'Gus''s room', '{taken_link}', '{m4}', '{{ }}', NULL, NULL, false),
            (5, 2, 'Bob''s room', 'bob-r00-m5z', '{m5}', '{{"anyoneCanStart":true}}', '', '654321', false);
        INSERT INTO shared_accesses (room_id, user_id) VALUES (1, 2), (1, 5);
        {extra}
        "#,
        m1 = "a".repeat(40),
        m2 = "b".repeat(40),
        m3 = "c".repeat(40),
        m4 = "d".repeat(40),
        m5 = "e".repeat(40),
    ))
    .await
}

/// A portal with an admin and the region `legacy` (a fake BBB) for the imported rooms.
pub async fn portal(db: Db) -> (TestApp, crate::support::Browser) {
    let app = TestApp::spawn(db).await;
    let url = fake_bbb::spawn(Fake::new(crate::rooms::SECRET)).await.unwrap();
    let admin = app.admin("admin@example.coop").await;
    add_region(&admin, "legacy", &url, true, "", &[]).await;
    (app, admin)
}

pub fn options(dry_run: bool) -> Options {
    Options {
        region: "legacy".into(),
        dry_run,
        version: None,
        keep_admins: false,
        on_conflict: OnConflict::Skip,
        welcome: false,
    }
}

pub async fn counts(app: &TestApp) -> (i64, i64, i64) {
    let one = |sql: &'static str| async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&app.pool).await.unwrap() };
    (
        one("SELECT COUNT(*) FROM users").await,
        one("SELECT COUNT(*) FROM rooms").await,
        one("SELECT COUNT(*) FROM room_shares").await,
    )
}

fn reasons(report: &Report) -> Vec<(String, String, String)> {
    let mut found: Vec<_> =
        report.lines.iter().map(|l| (l.kind.clone(), l.outcome.clone(), l.reason.clone())).collect();
    found.sort();
    found
}

async fn a_greenlight_v2_instance_is_imported_and_its_members_sign_in_with_their_passwords(db: Db) {
    let (app, _admin) = portal(db).await;
    let taken = app.member("Taken", "taken@example.org", PW).await;
    let taken_link = create(&taken, "Already here").await;
    let legacy = v2(&taken_link).await;

    let before = counts(&app).await;
    let dry = import(&app.state, &legacy, &options(true)).await.unwrap();
    assert_eq!(counts(&app).await, before, "a dry run writes nothing");
    assert_eq!((dry.version, dry.users, dry.rooms, dry.shares), (Some(Version::V2), 4, 2, 1));

    let report = import(&app.state, &legacy, &Options { welcome: true, ..options(false) }).await.unwrap();
    // Each new member is told where to sign in now, and their rooms' links (which did not change).
    let welcome = app.sink.wait_for("ann@example.org", 1).await.decoded();
    assert!(welcome.contains("/login") && welcome.contains("/r/ann-x4p-q2z"), "{welcome}");
    assert!(app.sink.wait_for("carl@example.org", 1).await.decoded().contains("/password/forgot"));
    assert_eq!(app.sink.count_to("taken@example.org"), 1, "the account that was here gets nothing new");
    assert_eq!(
        (report.users, report.rooms, report.shares),
        (4, 2, 1),
        "Ann, Bob, Carl, Gus; rooms 1 and 5; Bob on room 1"
    );
    assert_eq!(reasons(&report), reasons(&dry), "the dry run said what the run did");
    let expected: Vec<(String, String, String)> = [
        ("room", "conflict", "legacy.reason.link_taken"),
        ("room", "skipped", "legacy.reason.deleted"),
        ("room", "skipped", "legacy.reason.owner_not_imported"),
        ("share", "skipped", "legacy.reason.coowner_not_imported"),
        ("user", "conflict", "legacy.reason.email_taken"),
        ("user", "skipped", "legacy.reason.deleted"),
        ("user", "skipped", "legacy.reason.not_active"),
        ("user", "skipped", "legacy.reason.super_admin"),
    ]
    .iter()
    .map(|(k, o, r)| (k.to_string(), o.to_string(), r.to_string()))
    .collect();
    assert_eq!(reasons(&report), expected);

    // Ann signs in with her old (unicode) password, through the real login, and it is rehashed.
    let ann = app.browser();
    ann.login("ann@example.org", "Grüße aus Köln 🌧").await.ok();
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE email = 'ann@example.org'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "rehashed at the first sign-in: {hash}");
    app.browser().login("ann@example.org", "Grüße aus Köln 🌧").await.ok();
    assert_eq!(app.browser().login("ann@example.org", "Grusse aus Koln").await.refusal(), "login.bad_credentials");
    let language: String = sqlx::query_scalar("SELECT language FROM users WHERE email = 'ann@example.org'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(language, "de");
    // Her room: the same link and meeting id, its settings, its co-owner, on the legacy region.
    let page = ann.call("rooms/manage", &[("slug", "ann-x4p-q2z")]).await;
    let settings = &page.ok()["settings"];
    assert_eq!(settings["region"], "legacy");
    assert_eq!((settings["mute_on_join"].as_bool(), settings["waiting_room"].as_str()), (Some(true), Some("everyone")));
    assert_eq!((settings["all_moderators"].as_bool(), settings["recording"].as_bool()), (Some(true), Some(true)));
    assert_eq!(settings["viewer_code"], "123456");
    assert_eq!(page.ok()["shares"][0]["email"], "bob@example.org");
    assert_eq!(app.meeting_id("ann-x4p-q2z").await, "a".repeat(40));
    // Bob, a legacy admin, is a member here; Carl signed in with Google and has no password yet.
    let bob = app.browser();
    bob.login("bob@example.org", PW).await.ok();
    assert_eq!(bob.me().await.as_deref(), Some("bob@example.org"));
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE email = 'bob@example.org'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(role, "member");
    assert_eq!(app.browser().login("carl@example.org", PW).await.refusal(), "login.bad_credentials");
    // The account that was here first keeps its password and gets nothing of Fay's.
    app.browser().login("taken@example.org", PW).await.ok();

    // A second run imports nothing again.
    let after = counts(&app).await;
    let again = import(&app.state, &legacy, &options(false)).await.unwrap();
    assert_eq!((again.users, again.rooms, again.shares), (0, 0, 0));
    assert_eq!(again.already, 4 + 2 + 1);
    assert_eq!(counts(&app).await, after);

    // Old links lead to the room.
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    for old in ["/b/ann-x4p-q2z", "/ann-x4p-q2z"] {
        let answer = client.get(format!("{}{old}", app.base)).send().await.unwrap();
        assert_eq!(answer.status(), 301, "{old}");
        assert_eq!(answer.headers()["location"], "/r/ann-x4p-q2z");
    }
    let unknown = client.get(format!("{}/b/zzz-zzz-zzz", app.base)).send().await.unwrap();
    assert_eq!(unknown.status(), 404);
}
on_both_databases!(a_greenlight_v2_instance_is_imported_and_its_members_sign_in_with_their_passwords);

async fn attaching_gives_legacy_rooms_to_the_existing_account_and_one_run_at_a_time(db: Db) {
    let (app, _admin) = portal(db).await;
    let taken = app.member("Taken", "taken@example.org", PW).await;
    let legacy = v2("fay-r00-m99").await;
    sqlx::raw_sql("UPDATE rooms SET user_id = 7 WHERE id = 4")
        .execute(&mut sqlx::PgConnection::connect(&legacy).await.unwrap())
        .await
        .unwrap();
    // Another run holds the lease: this one is refused.
    assert!(app::jobs::lease::take(&app.pool, &app.clock, "legacy_import", "someone else", 60).await.unwrap());
    let busy = import(&app.state, &legacy, &options(false)).await.unwrap_err();
    assert!(matches!(busy, app::error::AppError::Refused(ref m) if m.key == "legacy.running"), "{busy:?}");
    app.clock.advance(61);
    let attach = Options { on_conflict: OnConflict::Attach, keep_admins: true, ..options(false) };
    let report = import(&app.state, &legacy, &attach).await.unwrap();
    assert_eq!(report.count("user", "conflict"), 1, "still reported");
    let rooms = taken.call("rooms/list", &[]).await;
    let names: Vec<&str> = rooms.ok().as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Gus's room"), "Fay's legacy room is now Taken's: {names:?}");
    app.browser().login("taken@example.org", PW).await.ok();
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE email = 'bob@example.org'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(role, "admin", "--keep-admins");
    let wrong = import(&app.state, "postgres://nobody:s3cret@127.0.0.1:1/none", &options(true)).await.unwrap_err();
    assert!(matches!(wrong, app::error::AppError::Refused(ref m) if m.key == "legacy.unreachable"));
}
on_both_databases!(attaching_gives_legacy_rooms_to_the_existing_account_and_one_run_at_a_time);

/// A Greenlight v3 database with `members` generated members (one room each), plus an external
/// account, a banned one, the super admin, and a room with every option set.
async fn v3(members: i64) -> String {
    v3_with(members, "").await
}

/// The v3 instance with `extra` SQL run after its rows (more rows for a test of its own).
pub async fn v3_with(members: i64, extra: &str) -> String {
    let digest = bcrypt(PW);
    legacy_db(&format!(
        r#"
        CREATE TABLE roles (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name varchar, provider varchar);
        CREATE TABLE users (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name varchar, email varchar,
            external_id varchar, provider varchar, password_digest varchar, role_id uuid, language varchar,
            verified boolean, status int DEFAULT 0, last_login timestamp, created_at timestamp, updated_at timestamp);
        CREATE TABLE rooms (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id uuid, name varchar,
            friendly_id varchar UNIQUE, meeting_id varchar UNIQUE, last_session timestamp, online boolean,
            recordings_processing int, created_at timestamp, updated_at timestamp);
        CREATE TABLE meeting_options (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name varchar, default_value varchar);
        CREATE TABLE room_meeting_options (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), room_id uuid,
            meeting_option_id uuid, value varchar);
        CREATE TABLE shared_accesses (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id uuid, room_id uuid);
        INSERT INTO roles (name, provider) VALUES ('Administrator', 'greenlight'), ('User', 'greenlight'), ('SuperAdmin', 'bn');
        INSERT INTO meeting_options (name, default_value) VALUES ('record', 'false'), ('muteOnStart', 'false'),
            ('guestPolicy', 'ALWAYS_ACCEPT'), ('glAnyoneCanStart', 'false'), ('glAnyoneJoinAsModerator', 'false'),
            ('glRequireAuthentication', 'false'), ('glViewerAccessCode', ''), ('glModeratorAccessCode', '');
        INSERT INTO users (name, email, provider, password_digest, role_id, language, verified, status, created_at)
            SELECT 'Member ' || g, 'm' || g || '@example.org', 'greenlight', '{digest}',
                   (SELECT id FROM roles WHERE name = 'User'), 'es', true, 0, now() + g * interval '1 second'
            FROM generate_series(1, {members}) g;
        INSERT INTO users (name, email, external_id, provider, role_id, status, created_at) VALUES
            ('Olga OpenID', 'olga@example.org', 'kc-123', 'greenlight', (SELECT id FROM roles WHERE name = 'User'), 0, now()),
            ('Ben Banned', 'ben@example.org', NULL, 'greenlight', (SELECT id FROM roles WHERE name = 'User'), 2, now()),
            ('Super', 'super@example.org', NULL, 'bn', (SELECT id FROM roles WHERE name = 'SuperAdmin'), 0, now());
        INSERT INTO rooms (user_id, name, friendly_id, meeting_id, created_at)
            SELECT id, 'Room of ' || name, substr(md5(email), 1, 3) || '-' || substr(md5(email), 4, 3) || '-'
                   || substr(md5(email), 7, 3) || '-' || substr(md5(email), 10, 3),
                   md5(email) || substr(md5(name), 1, 8), created_at
            FROM users WHERE provider = 'greenlight';
        INSERT INTO room_meeting_options (room_id, meeting_option_id, value)
            SELECT r.id, o.id, v.value FROM rooms r, meeting_options o,
                (VALUES ('record', 'true'), ('muteOnStart', 'true'), ('guestPolicy', 'ASK_MODERATOR'),
                        ('glAnyoneCanStart', 'true'), ('glAnyoneJoinAsModerator', 'false'),
                        ('glRequireAuthentication', 'true'), ('glViewerAccessCode', '777777'),
                        ('glModeratorAccessCode', '')) AS v(name, value)
            WHERE r.name = 'Room of Member 1' AND o.name = v.name;
        INSERT INTO shared_accesses (user_id, room_id)
            SELECT (SELECT id FROM users WHERE email = 'm2@example.org'), id FROM rooms WHERE name = 'Room of Member 1';
        {extra}
        "#
    ))
    .await
}

/// A run killed with SIGKILL halfway through, then run again: every member and room once.
async fn a_greenlight_v3_import_killed_halfway_resumes_without_duplicates(db: Db) {
    let (app, _admin) = portal(db).await;
    let members = 3000;
    let legacy = v3(members).await;
    let outbox = std::env::temp_dir().join(format!("quorum-legacy-{}", uuid::Uuid::new_v4().simple()));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["legacy", "import", "--from", &legacy, "--region", "legacy"])
        .env("QUORUM_DATABASE_URL", &app.database_url)
        .env("QUORUM_OUTBOX_DIR", &outbox)
        // The legacy database of the suite is on loopback: allowed on purpose, as a LAN one would be.
        .env("QUORUM_ALLOW_INTERNAL_NETWORK", "true")
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("quorum starts");
    let imported = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM legacy_origins").fetch_one(&app.pool).await.unwrap()
    };
    for _ in 0..1000 {
        if imported().await >= 100 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    let at_kill = imported().await;
    assert!((100..2 * members).contains(&at_kill), "killed halfway: {at_kill} records in");
    // Its lease outlives it; once that runs out, the next run goes on from where it stopped.
    app.clock.advance(150);
    let report = import(&app.state, &legacy, &options(false)).await.unwrap();
    assert_eq!(report.version, Some(Version::V3));
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email LIKE '%@example.org'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let rooms: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rooms").fetch_one(&app.pool).await.unwrap();
    assert_eq!(users, members + 1, "every member and Olga, once each");
    assert_eq!(rooms, members + 1, "every member's room and Olga's");
    assert!(
        report.already > 0 && report.users < members as usize + 1,
        "the second run picked up: {} new",
        report.users
    );
    let expected = [("user", "skipped", "legacy.reason.not_active"), ("user", "skipped", "legacy.reason.super_admin")];
    for (kind, outcome, reason) in expected {
        assert!(report.lines.iter().any(|l| l.kind == kind && l.outcome == outcome && l.reason == reason), "{reason}");
    }
    // Member 1's room: every option mapped, its co-owner, its link; the member signs in.
    let m1 = app.browser();
    m1.login("m1@example.org", PW).await.ok();
    let slug: String = sqlx::query_scalar("SELECT slug FROM rooms WHERE name = 'Room of Member 1'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let page = m1.call("rooms/manage", &[("slug", &slug)]).await;
    let s = &page.ok()["settings"];
    let flags = ["recording", "mute_on_join", "anyone_can_start", "require_sign_in", "all_moderators"]
        .map(|f| s[f].as_bool().unwrap());
    assert_eq!(flags, [true, true, true, true, false]);
    assert_eq!(s["waiting_room"], "everyone", "Greenlight's approval held every participant");
    assert_eq!(s["viewer_code"], "777777");
    assert_eq!(page.ok()["shares"][0]["email"], "m2@example.org");
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    for old in [format!("/rooms/{slug}"), format!("/rooms/{slug}/join")] {
        let answer = client.get(format!("{}{old}", app.base)).send().await.unwrap();
        assert_eq!(answer.headers()["location"], format!("/r/{slug}").as_str(), "{old}");
    }
    let _ = std::fs::remove_dir_all(outbox);
}
on_both_databases!(a_greenlight_v3_import_killed_halfway_resumes_without_duplicates);

/// The runs as the admin page reads them, once the newest has finished.
pub async fn finished_runs(admin: &crate::support::Browser) -> serde_json::Value {
    for _ in 0..200 {
        let runs = admin.call("legacy/runs", &[]).await.ok().clone();
        if runs[0]["finished"] == true {
            return runs;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import did not finish");
}

async fn an_admin_runs_a_dry_run_then_the_import_from_the_page(db: Db) {
    let (app, admin) = portal(db).await;
    let legacy = v2("zzz-zzz-zzz").await;
    let form = |dry: bool| {
        let mut form =
            vec![("legacy_url", legacy.as_str()), ("region", "legacy"), ("version", "auto"), ("on_conflict", "skip")];
        if dry {
            form.push(("dry_run", "on"));
        }
        form
    };
    let before = counts(&app).await;
    admin.call("legacy/start", &form(true)).await.ok();
    let runs = finished_runs(&admin).await;
    assert_eq!(runs[0]["dry_run"], true);
    assert_eq!(runs[0]["report"]["users"], 5, "Ann, Bob, Carl, Fay and Gus: nothing here to clash with");
    assert!(runs[0]["csv"].as_str().unwrap().starts_with("outcome,kind,legacy_id,label,reason"));
    assert_eq!(counts(&app).await, before, "a dry run writes nothing");
    admin.call("legacy/start", &form(false)).await.ok();
    let runs = finished_runs(&admin).await;
    assert_eq!((runs[0]["dry_run"].as_bool(), runs[0]["report"]["rooms"].as_i64()), (Some(false), Some(3)));
    assert_eq!(runs[0]["done"], runs[0]["total"]);
    app.browser().login("ann@example.org", "Grüße aus Köln 🌧").await.ok();
    let unreachable = "postgres://gl:s3cret@127.0.0.1:1/none";
    admin
        .call(
            "legacy/start",
            &[("legacy_url", unreachable), ("region", "legacy"), ("version", "auto"), ("on_conflict", "skip")],
        )
        .await
        .ok();
    let runs = finished_runs(&admin).await;
    assert_eq!(runs[0]["error"]["key"], "legacy.unreachable");
    assert!(!runs.to_string().contains("s3cret"), "the address is never kept");
    let page = admin.get("/admin/legacy").await.text().await.unwrap();
    assert!(page.contains("legacy-report") && !page.contains("s3cret"));
}
on_both_databases!(an_admin_runs_a_dry_run_then_the_import_from_the_page);

/// A run whose process stopped (a restart, a kill) left its row unfinished: once nobody holds the
/// import's lease the page shows it stopped and says how to go on, instead of a progress bar forever.
async fn a_run_whose_process_stopped_is_shown_as_interrupted(db: Db) {
    let (app, admin) = portal(db).await;
    // What a process killed in the middle of a run leaves behind: the row, some progress, a lease.
    sqlx::query(
        "INSERT INTO legacy_runs (started_by, started_at, dry_run, region, total, done) VALUES (1, $1, 0, 'legacy', 40, 12)",
    )
    .bind(app.clock.now().secs())
    .execute(&app.pool)
    .await
    .unwrap();
    let holder = "a process that was killed";
    assert!(
        app::jobs::lease::take(&app.pool, &app.clock, app::legacy::service::import::LEASE, holder, 120).await.unwrap()
    );
    app.clock.advance(60);
    let runs = admin.call("legacy/runs", &[]).await.ok().clone();
    assert_eq!(
        (runs[0]["finished"].as_bool(), runs[0]["done"].as_i64()),
        (Some(false), Some(12)),
        "still leased: running"
    );
    app.clock.advance(61);
    let runs = admin.call("legacy/runs", &[]).await.ok().clone();
    assert_eq!(runs[0]["finished"], true, "the lease ran out with nobody renewing it");
    assert_eq!(runs[0]["error"]["key"], "legacy.interrupted");
    let page = admin.get("/admin/legacy").await.text().await.unwrap();
    assert!(page.contains(app::i18n::Lang::En.t("legacy.interrupted")), "the page says how to go on");
}
on_both_databases!(a_run_whose_process_stopped_is_shown_as_interrupted);

/// Greenlight's presentations: their names are in its database, their files in its storage. Each
/// of a room the instance has is reported for its owner to upload again; nothing is half-imported.
async fn presentations_are_reported_for_their_owners_to_upload_again(db: Db) {
    let (app, _admin) = portal(db).await;
    let attachments = r#"
        CREATE TABLE active_storage_blobs (id bigserial PRIMARY KEY, key varchar, filename varchar,
            content_type varchar, byte_size bigint, service_name varchar);
        CREATE TABLE active_storage_attachments (id bigserial PRIMARY KEY, name varchar, record_type varchar,
            record_id uuid, blob_id bigint);
        INSERT INTO active_storage_blobs (key, filename, content_type, byte_size, service_name) VALUES
            ('k1', 'Agenda.pdf', 'application/pdf', 204800, 'local'),
            ('k2', 'avatar.png', 'image/png', 1000, 'local'),
            ('k3', 'Lost.pdf', 'application/pdf', 10, 'local');
        INSERT INTO active_storage_attachments (name, record_type, record_id, blob_id) VALUES
            ('presentation', 'Room', (SELECT id FROM rooms WHERE name = 'Room of Member 1'), 1),
            ('avatar', 'User', (SELECT id FROM users WHERE email = 'm1@example.org'), 2),
            ('presentation', 'Room', gen_random_uuid(), 3);
    "#;
    let legacy = v3_with(2, attachments).await;
    let report = import(&app.state, &legacy, &options(false)).await.unwrap();
    let noted: Vec<(&str, &str, &str)> = report
        .lines
        .iter()
        .filter(|l| l.kind == "presentation")
        .map(|l| (l.outcome.as_str(), l.label.as_str(), l.reason.as_str()))
        .collect();
    assert_eq!(
        noted,
        [("skipped", "Room of Member 1: Agenda.pdf (200 KiB)", "legacy.reason.presentation_file")],
        "the room's presentation, not an avatar nor one of a room that is gone"
    );
    assert_eq!(report.rooms, 3, "the rooms themselves are imported");
    let text = app::legacy::report_text(&report, app::i18n::Lang::En);
    assert!(text.contains("Agenda.pdf") && text.contains("uploads it again"), "{text}");
}
on_both_databases!(presentations_are_reported_for_their_owners_to_upload_again);
