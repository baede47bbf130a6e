//! A legacy row is not trusted as it is: an email the legacy instance never confirmed stays
//! unconfirmed, a bcrypt digest the login could not check in bounded time is not kept, names go
//! through the name rules, and every column Greenlight's schema lets be NULL may be NULL (v2 and
//! v3 databases built with the real schemas' NOT NULL columns and a NULL in every other one read).
//! Every run is in the security log. The legacy database's address is held to the rule for
//! server-side connections: an internal one only when the configuration allows it.
use crate::legacy::{PW, bcrypt, legacy_db, options, portal, v2_with};
use crate::on_both_databases;
use crate::support::database::Db;
use app::legacy::model::Report;
use app::legacy::service::import::import;

fn has(report: &Report, kind: &str, outcome: &str, reason: &str) -> bool {
    report.lines.iter().any(|l| l.kind == kind && l.outcome == outcome && l.reason == reason)
}

async fn one<T>(app: &crate::support::TestApp, sql: &str) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + Unpin,
{
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

async fn unverified_emails_costly_digests_and_unsafe_names_follow_the_rules_here(db: Db) {
    let (app, _admin) = portal(db).await;
    let digest = bcrypt(PW);
    // Cost 31: 2^31 rounds, days of one hashing thread, were it ever checked.
    let costly = digest.replacen("$04$", "$31$", 1);
    let legacy = v2_with(
        "zzz-zzz-zzz",
        &format!(
            r#"
        INSERT INTO users (id, provider, uid, name, email, password_digest, language, role_id, email_verified) VALUES
            (9, 'greenlight', 'gl-iiiiiiiiiiii', 'Vic Victim', 'vic@example.org', '{digest}', 'en', 2, false),
            (10, 'greenlight', 'gl-jjjjjjjjjjjj', 'Rita' || chr(8238) || 'evil', 'rita@example.org', NULL, 'en', 2, true),
            (11, 'greenlight', 'gl-kkkkkkkkkkkk', 'Cass Costly', 'cass@example.org', '{costly}', 'en', 2, true);
        INSERT INTO rooms (id, user_id, name, uid, bbb_id) VALUES
            (10, 10, 'Rita' || chr(8238) || 'moor', 'rit-a10-r10', '{m}');
        "#,
            m = "f".repeat(40)
        ),
    )
    .await;
    let dry = import(&app.state, &legacy, &options(true)).await.unwrap();
    let report = import(&app.state, &legacy, &options(false)).await.unwrap();
    assert_eq!(dry.lines, report.lines, "the dry run said what the run did");

    // Whoever set Vic's password on the old instance never showed they read vic@: not confirmed here.
    let confirmed: Option<i64> = one(&app, "SELECT email_verified_at FROM users WHERE email = 'vic@example.org'").await;
    assert_eq!(confirmed, None);
    assert_eq!(app.browser().login("vic@example.org", PW).await.refusal(), "login.unverified");
    let ann: Option<i64> = one(&app, "SELECT email_verified_at FROM users WHERE email = 'ann@example.org'").await;
    assert!(ann.is_some(), "confirmed there, confirmed here");

    // The cost-31 digest is not kept: Cass has no password (she uses "forgot password"), and it is reported.
    let hash: String = one(&app, "SELECT password_hash FROM users WHERE email = 'cass@example.org'").await;
    assert_eq!(hash, "");
    assert!(has(&report, "user", "changed", "legacy.reason.password_dropped"), "{:?}", report.lines);
    let started = std::time::Instant::now();
    assert_eq!(app.browser().login("cass@example.org", PW).await.refusal(), "login.bad_credentials");
    app.browser().login("ann@example.org", "Grüße aus Köln 🌧").await.ok();
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "nobody waits on a digest");

    // A right-to-left override is dropped from names, as sign-up refuses it; reported too.
    let name: String = one(&app, "SELECT name FROM users WHERE email = 'rita@example.org'").await;
    assert_eq!(name, "Ritaevil");
    let room: String = one(&app, "SELECT name FROM rooms WHERE slug = 'rit-a10-r10'").await;
    assert_eq!(room, "Ritamoor");
    assert!(has(&report, "user", "changed", "legacy.reason.name_cleaned"));
    assert!(has(&report, "room", "changed", "legacy.reason.name_cleaned"));
}
on_both_databases!(unverified_emails_costly_digests_and_unsafe_names_follow_the_rules_here);

/// v2's schema has NOT NULL only on ids, `deleted` and timestamps: a NULL in every other column read.
async fn nulls_in_every_nullable_column_of_a_v2_database_are_read(db: Db) {
    let (app, _admin) = portal(db).await;
    let legacy = v2_with(
        "zzz-zzz-zzz",
        &format!(
            r#"
        INSERT INTO roles (id, name, provider) VALUES (6, NULL, NULL);
        INSERT INTO users (id, provider, uid, name, email, password_digest, language, role_id, email_verified) VALUES
            (20, NULL, NULL, NULL, 'nul@example.org', NULL, NULL, NULL, NULL),
            (21, 'greenlight', NULL, 'No Mail', NULL, NULL, 'en', 2, true),
            (22, 'greenlight', NULL, 'Nameless Role', 'role@example.org', NULL, 'en', 6, true);
        INSERT INTO rooms (id, user_id, name, uid, bbb_id, room_settings, access_code, moderator_access_code) VALUES
            (20, 20, NULL, 'nul-r00-m20', '{m20}', NULL, NULL, NULL),
            (21, NULL, 'Nobody''s', 'nul-r00-m21', '{m21}', '{{ }}', NULL, NULL),
            (22, 20, 'No link', NULL, '{m22}', NULL, NULL, NULL),
            (23, 20, 'No meeting', 'nul-r00-m23', NULL, NULL, NULL, NULL);
        INSERT INTO shared_accesses (room_id, user_id) VALUES (NULL, 20), (20, NULL);
        "#,
            m20 = "1".repeat(40),
            m21 = "2".repeat(40),
            m22 = "3".repeat(40)
        ),
    )
    .await;
    import(&app.state, &legacy, &options(true)).await.unwrap();
    let report = import(&app.state, &legacy, &options(false)).await.unwrap();
    // NULL provider: not a local account, so no password; NULL name: the address's; NULL flag: not confirmed.
    let (name, hash, confirmed): (String, String, Option<i64>) =
        sqlx::query_as("SELECT name, password_hash, email_verified_at FROM users WHERE email = 'nul@example.org'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((name.as_str(), hash.as_str(), confirmed), ("nul", "", None));
    let role: String = one(&app, "SELECT role FROM users WHERE email = 'role@example.org'").await;
    assert_eq!(role, "member", "a role without a name is no admin role");
    let (room, code, waiting): (String, String, i64) =
        sqlx::query_as("SELECT name, viewer_code, waiting_room FROM rooms WHERE slug = 'nul-r00-m20'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((room.as_str(), code.as_str(), waiting), ("nul-r00-m20", "", 0), "defaults for what is NULL");
    assert!(has(&report, "user", "skipped", "legacy.reason.no_email"));
    assert!(report.lines.iter().any(|l| l.legacy_id == "21" && l.reason == "legacy.reason.owner_not_imported"));
    assert_eq!(report.lines.iter().filter(|l| l.reason == "legacy.reason.no_ids").count(), 2);
    assert!(has(&report, "share", "skipped", "legacy.reason.room_not_imported"));
    assert!(has(&report, "share", "skipped", "legacy.reason.coowner_not_imported"));
}
on_both_databases!(nulls_in_every_nullable_column_of_a_v2_database_are_read);

/// Greenlight v3's own schema (db/schema.rb, 2023): NOT NULL where it says so, and a NULL in every
/// other column the importer reads (an option's `value`, as real databases hold for `serverTag`).
async fn nulls_in_every_nullable_column_of_a_v3_database_are_read(db: Db) {
    let (app, _admin) = portal(db).await;
    let digest = bcrypt(PW);
    let legacy = legacy_db(&format!(
        r#"
        CREATE TABLE roles (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name varchar NOT NULL,
            provider varchar NOT NULL);
        CREATE TABLE users (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name varchar NOT NULL,
            email varchar NOT NULL, external_id varchar, provider varchar NOT NULL, password_digest varchar,
            role_id uuid, language varchar NOT NULL, verified boolean DEFAULT false, status int DEFAULT 0,
            last_login timestamp, created_at timestamp NOT NULL DEFAULT now(), updated_at timestamp NOT NULL DEFAULT now());
        CREATE TABLE rooms (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id uuid, name varchar NOT NULL,
            friendly_id varchar NOT NULL UNIQUE, meeting_id varchar NOT NULL UNIQUE, last_session timestamp,
            online boolean DEFAULT false, recordings_processing int DEFAULT 0,
            created_at timestamp NOT NULL DEFAULT now(), updated_at timestamp NOT NULL DEFAULT now());
        CREATE TABLE meeting_options (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name varchar UNIQUE,
            default_value varchar);
        CREATE TABLE room_meeting_options (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), room_id uuid,
            meeting_option_id uuid, value varchar);
        CREATE TABLE shared_accesses (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id uuid NOT NULL,
            room_id uuid NOT NULL);
        INSERT INTO roles (name, provider) VALUES ('Administrator', 'greenlight'), ('User', 'greenlight');
        INSERT INTO meeting_options (name, default_value) VALUES ('record', 'false'), ('muteOnStart', NULL),
            ('guestPolicy', 'ALWAYS_ACCEPT'), ('glViewerAccessCode', ''), ('glAnyoneCanStart', 'true'),
            ('serverTag', NULL), (NULL, 'true');
        INSERT INTO users (name, email, external_id, provider, password_digest, role_id, language, verified, status) VALUES
            ('Nina Null', 'nina@example.org', NULL, 'greenlight', '{digest}', NULL, 'en', NULL, NULL),
            ('Olav OpenID', 'olav@example.org', 'kc-1', 'greenlight', NULL, NULL, 'en', true, 0);
        INSERT INTO rooms (user_id, name, friendly_id, meeting_id) VALUES
            ((SELECT id FROM users WHERE name = 'Nina Null'), 'Nina''s room', 'nin-aaa-bbb-ccc', '{m1}'),
            (NULL, 'Nobody''s room', 'nob-ody-sro-omz', '{m2}');
        INSERT INTO room_meeting_options (room_id, meeting_option_id, value)
            SELECT r.id, o.id, v.value FROM rooms r, meeting_options o,
                (VALUES ('record', NULL), ('muteOnStart', NULL), ('guestPolicy', 'ASK_MODERATOR'),
                        ('glViewerAccessCode', NULL), ('glAnyoneCanStart', NULL), ('serverTag', NULL)) AS v(name, value)
            WHERE r.friendly_id = 'nin-aaa-bbb-ccc' AND o.name = v.name;
        INSERT INTO room_meeting_options (room_id, meeting_option_id, value) VALUES
            (NULL, (SELECT id FROM meeting_options WHERE name = 'record'), 'true'),
            ((SELECT id FROM rooms WHERE friendly_id = 'nin-aaa-bbb-ccc'), NULL, 'true'),
            ((SELECT id FROM rooms WHERE friendly_id = 'nin-aaa-bbb-ccc'), (SELECT id FROM meeting_options WHERE name IS NULL), NULL);
        INSERT INTO shared_accesses (user_id, room_id) VALUES
            ((SELECT id FROM users WHERE name = 'Olav OpenID'), (SELECT id FROM rooms WHERE friendly_id = 'nin-aaa-bbb-ccc'));
        "#,
        m1 = "4".repeat(40),
        m2 = "5".repeat(40),
    ))
    .await;
    import(&app.state, &legacy, &options(true)).await.unwrap();
    let report = import(&app.state, &legacy, &options(false)).await.unwrap();
    assert_eq!((report.users, report.rooms, report.shares), (2, 1, 1), "{:?}", report.lines);
    assert!(
        report
            .lines
            .iter()
            .any(|l| l.label.contains("nob-ody-sro-omz") && l.reason == "legacy.reason.owner_not_imported")
    );
    // A NULL value is the option's default: record false, anyone may start (its default), no code.
    let (waiting, recording, anyone, code): (i64, i64, i64, String) = sqlx::query_as(
        "SELECT waiting_room, recording, anyone_can_start, viewer_code FROM rooms WHERE slug = 'nin-aaa-bbb-ccc'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((waiting, recording, anyone, code.as_str()), (1, 0, 1, ""));
    // NULL `verified`: not confirmed; NULL `status`: active; NULL role: a member.
    let (confirmed, status, role): (Option<i64>, String, String) =
        sqlx::query_as("SELECT email_verified_at, status, role FROM users WHERE email = 'nina@example.org'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((confirmed, status.as_str(), role.as_str()), (None, "active", "member"));
    assert_eq!(app.browser().login("nina@example.org", PW).await.refusal(), "login.unverified");
}
on_both_databases!(nulls_in_every_nullable_column_of_a_v3_database_are_read);

async fn every_import_run_is_in_the_security_log(db: Db) {
    let (app, admin) = portal(db).await;
    let legacy = v2_with("zzz-zzz-zzz", "").await;
    let form = [
        ("legacy_url", legacy.as_str()),
        ("region", "legacy"),
        ("version", "auto"),
        ("on_conflict", "skip"),
        ("keep_admins", "on"),
        ("dry_run", "on"),
    ];
    admin.call("legacy/start", &form).await.ok();
    crate::legacy::finished_runs(&admin).await;
    import(&app.state, &legacy, &options(false)).await.unwrap();
    let query = [("kind", "legacy.import"), ("query", ""), ("page", "0")];
    let log = admin.call("admin/security_log", &query).await.ok().clone();
    let entries = log.as_array().unwrap();
    assert_eq!(entries.len(), 2, "{log}");
    // Newest first: the command line's run (no admin), then the admin's dry run from the page.
    let (cli, page) = (&entries[0], &entries[1]);
    assert_eq!((cli["actor"].as_str(), cli["address"].as_str()), (None, Some("command line")));
    assert!(cli["detail"].as_str().unwrap().contains("dry_run=false keep_admins=false"), "{cli}");
    assert!(cli["detail"].as_str().unwrap().contains("members=5 rooms=3 co_owners=1"), "{cli}");
    assert_eq!(page["actor"], "admin@example.coop");
    assert!(page["detail"].as_str().unwrap().contains("dry_run=true keep_admins=true"), "{page}");
    assert!(page["detail"].as_str().unwrap().contains("members=5"), "{page}");
    assert!(!log.to_string().contains("postgres://"), "the address's credentials are never logged");
    let subject = page["subject"].as_str().unwrap();
    assert!(subject.starts_with("127.0.0.1:") || subject.starts_with("localhost:"), "{subject}");
}
on_both_databases!(every_import_run_is_in_the_security_log);

/// The suite's legacy databases are on loopback, like a Greenlight on the co-op's LAN: refused, with
/// the setting that allows it named, until the configuration allows the internal network.
async fn an_internal_database_address_is_refused_unless_the_configuration_allows_it(db: Db) {
    let app = crate::support::TestApp::spawn_with(db, |c| c.outbound.allow_internal = false).await;
    let admin = app.admin("admin@example.coop").await;
    let legacy = v2_with("zzz-zzz-zzz", "").await;
    let before = crate::legacy::counts(&app).await;
    let form = [("legacy_url", legacy.as_str()), ("region", "legacy"), ("version", "auto"), ("on_conflict", "skip")];
    let refused = admin.call("legacy/start", &form).await;
    let app::error::AppError::Invalid(fields) = refused.err() else { panic!("{:?}", refused.err()) };
    let msg = fields.get("legacy_url").expect("next to the address");
    assert_eq!(msg.key, "legacy.url.internal");
    assert!(app::i18n::Lang::En.msg(msg).contains("allow_internal_network"), "the message says how to allow it");
    for url in [
        legacy.as_str(),
        "postgres://gl:s3cret@localhost/gl",
        "postgres://gl@[::1]:5432/gl",
        "postgres:///gl?host=/run/postgresql",
    ] {
        let err = import(&app.state, url, &options(true)).await.unwrap_err();
        assert!(
            matches!(err, app::error::AppError::Refused(ref m) if m.key == "legacy.url.internal"),
            "{url}: {err:?}"
        );
    }
    assert_eq!(crate::legacy::counts(&app).await, before, "nothing was read or written");
    let runs = admin.call("legacy/runs", &[]).await.ok().clone();
    assert_eq!(runs.as_array().map(Vec::len), Some(0), "no run was started");
}
on_both_databases!(an_internal_database_address_is_refused_unless_the_configuration_allows_it);
