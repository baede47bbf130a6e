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

const PW: &str = "correct horse battery";

/// A bcrypt digest of `password` made by Python's bcrypt, written the way Rails wrote it (`$2a$`).
fn bcrypt(password: &str) -> String {
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

async fn legacy_db(schema: &str) -> String {
    let url = fresh(Db::Postgres).await;
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::raw_sql(schema).execute(&mut conn).await.unwrap();
    url
}

/// A Greenlight v2 database: Ann (unicode password, a room with settings and codes, shared with Bob
/// and with Eve), Bob (a legacy admin), Carl (Google), a deleted Dee, a pending Eve with a room, the
/// super admin, Fay whose email has an account here, Gus whose room's link is taken here.
async fn v2(taken_link: &str) -> String {
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
        INSERT INTO users (id, provider, uid, name, email, password_digest, language, deleted, role_id) VALUES
            (1, 'greenlight', 'gl-aaaaaaaaaaaa', 'Ann Legacy', 'Ann@Example.org', '{ann}', 'de', false, 2),
            (2, 'greenlight', 'gl-bbbbbbbbbbbb', 'Bob Legacy', 'bob@example.org', '{bob}', 'default', false, 1),
            (3, 'google', 'gl-cccccccccccc', 'Carl Google', 'carl@example.org', NULL, 'fr', false, 2),
            (4, 'greenlight', 'gl-dddddddddddd', 'Dee Deleted', 'dee@example.org', NULL, 'en', true, 2),
            (5, 'greenlight', 'gl-eeeeeeeeeeee', 'Eve Pending', 'eve@example.org', NULL, 'en', false, 4),
            (6, 'greenlight', 'gl-ffffffffffff', 'Root', 'root@example.org', NULL, 'en', false, 3),
            (7, 'greenlight', 'gl-gggggggggggg', 'Fay Taken', 'Taken@Example.org', NULL, 'en', false, 2),
            (8, 'greenlight', 'gl-hhhhhhhhhhhh', 'Gus Clash', 'gus@example.org', '{gus}', 'en', false, 2);
        INSERT INTO rooms (id, user_id, name, uid, bbb_id, room_settings, access_code, moderator_access_code, deleted) VALUES
            (1, 1, 'Ann''s room', 'ann-x4p-q2z', '{m1}', '{{"muteOnStart":true,"requireModeratorApproval":true,"anyoneCanStart":false,"joinModerator":true,"recording":true}}', '123456', '', false),
            (2, 1, 'Old room', 'ann-old-roo', '{m2}', '{{ }}', NULL, NULL, true),
            (3, 5, 'Eve''s room', 'eve-x9p-k2z', '{m3}', '{{ }}', NULL, NULL, false),
            (4, 8, 'Gus''s room', '{taken_link}', '{m4}', '{{ }}', NULL, NULL, false),
            (5, 2, 'Bob''s room', 'bob-r00-m5z', '{m5}', '{{"anyoneCanStart":true}}', '', '654321', false);
        INSERT INTO shared_accesses (room_id, user_id) VALUES (1, 2), (1, 5);
        "#,
        m1 = "a".repeat(40),
        m2 = "b".repeat(40),
        m3 = "c".repeat(40),
        m4 = "d".repeat(40),
        m5 = "e".repeat(40),
    ))
    .await
}

fn options(dry_run: bool) -> Options {
    Options { region: "legacy".into(), dry_run, version: None, keep_admins: false, on_conflict: OnConflict::Skip }
}

async fn counts(app: &TestApp) -> (i64, i64, i64) {
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
    let app = TestApp::spawn(db).await;
    let fake = Fake::new(crate::rooms::SECRET);
    let url = fake_bbb::spawn(fake.clone()).await.unwrap();
    let admin = app.admin("admin@example.coop").await;
    add_region(&admin, "legacy", &url, true, "", &[]).await;
    let taken = app.member("Taken", "taken@example.org", PW).await;
    let taken_link = create(&taken, "Already here").await;
    let legacy = v2(&taken_link).await;

    let before = counts(&app).await;
    let dry = import(&app.state, &legacy, &options(true)).await.unwrap();
    assert_eq!(counts(&app).await, before, "a dry run writes nothing");
    assert_eq!((dry.version, dry.users, dry.rooms, dry.shares), (Some(Version::V2), 4, 2, 1));

    let report = import(&app.state, &legacy, &options(false)).await.unwrap();
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
    assert_eq!((settings["mute_on_join"].as_bool(), settings["waiting_room"].as_bool()), (Some(true), Some(true)));
    assert_eq!((settings["all_moderators"].as_bool(), settings["recording"].as_bool()), (Some(true), Some(true)));
    assert_eq!(settings["viewer_code"], "123456");
    assert_eq!(page.ok()["co_owners"][0]["email"], "bob@example.org");
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
    let app = TestApp::spawn(db).await;
    let fake = Fake::new(crate::rooms::SECRET);
    let url = fake_bbb::spawn(fake.clone()).await.unwrap();
    let admin = app.admin("admin@example.coop").await;
    add_region(&admin, "legacy", &url, true, "", &[]).await;
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
