//! Rooms: creation, settings within the region's limits, co-owners, deletion, and who may do what.
use crate::on_both_databases;
use crate::support::database::Db;
use crate::support::{Browser, TestApp};
use server::fake_bbb::{self, Fake, Mode};

const PW: &str = "correct horse battery";
pub const SECRET: &str = "room-tests-secret";

/// A portal with one region (a fake BBB that allows recording up to 50) and a second without
/// recording; returns the fake's handle.
pub async fn with_regions(app: &TestApp) -> Fake {
    let fake = Fake::new(SECRET);
    let url = fake_bbb::spawn(fake.clone()).await.unwrap();
    let admin = app.admin("admin@example.coop").await;
    add_region(&admin, "eu", &url, true, "50", &[]).await;
    add_region(&admin, "ca", &url, false, "0", &[]).await;
    fake
}

/// Region `code` served at `url` by a fake BBB server with [`SECRET`], saved by `admin`.
pub async fn add_region(admin: &Browser, code: &str, url: &str, recording: bool, max: &str, extra: &[(&str, &str)]) {
    let mut form = vec![
        ("code", code),
        ("name", code),
        ("api_url", url),
        ("secret", SECRET),
        ("checksum", "sha256"),
        ("max_meeting", max),
        ("capacity", ""),
        ("event_tag", ""),
        ("enabled", "on"),
        ("creating", "1"),
    ];
    if recording {
        form.push(("recording", "on"));
    }
    for (k, v) in extra {
        form.retain(|(key, _)| key != k);
        form.push((k, v));
    }
    admin.call("regions/save", &form).await.ok();
}

pub async fn create(b: &Browser, name: &str) -> String {
    b.call("rooms/create", &[("name", name)]).await.ok().as_str().unwrap().to_string()
}

pub fn settings<'a>(slug: &'a str, region: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("slug", slug),
        ("viewer_code", ""),
        ("moderator_code", ""),
        ("max_participants", ""),
        ("welcome", "Welcome!"),
        ("region", region),
    ];
    for (k, v) in extra {
        form.retain(|(key, _)| key != k);
        form.push((k, v));
    }
    form
}

async fn members_create_and_configure_rooms(db: Db) {
    let app = TestApp::spawn(db).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    assert_eq!(ann.call("rooms/create", &[("name", "Board")]).await.refusal(), "room.no_region");
    with_regions(&app).await;
    assert_eq!(ann.call("rooms/create", &[("name", " ")]).await.field("name"), "field.room_name.required");
    let answer = ann.call("rooms/create", &[("name", "Board room")]).await;
    let slug = answer.ok().as_str().unwrap().to_string();
    assert!(
        slug.len() == 15 && slug.split('-').all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_lowercase())),
        "{slug}"
    );
    assert_eq!(answer.headers["location"], format!("/r/{slug}"));
    let meeting_id: String = sqlx::query_scalar("SELECT meeting_id FROM rooms").fetch_one(&app.pool).await.unwrap();
    assert_eq!(meeting_id.len(), 40);

    let list = ann.call("rooms/list", &[]).await.ok().clone();
    assert_eq!(list[0]["name"], "Board room");
    assert_eq!(list[0]["access"], "Owner");

    let bad = ann.call("rooms/settings", &settings(&slug, "ca", &[("recording", "on"), ("viewer_code", "a b")])).await;
    assert_eq!(bad.field("recording"), "field.recording.not_in_region");
    assert_eq!(bad.field("viewer_code"), "field.access_code.invalid");
    let over = ann.call("rooms/settings", &settings(&slug, "eu", &[("max_participants", "51")])).await;
    assert_eq!(over.field("max_participants"), "field.max_participants.over_region");
    let unknown = ann.call("rooms/settings", &settings(&slug, "mars", &[])).await;
    assert_eq!(unknown.field("region"), "field.region.unknown");

    let good = settings(
        &slug,
        "eu",
        &[("recording", "on"), ("viewer_code", "246810"), ("waiting_room", "on"), ("max_participants", "20")],
    );
    ann.call("rooms/settings", &good).await.ok();
    let page = ann.call("rooms/page", &[("slug", &slug)]).await.ok().clone();
    assert_eq!(page["settings"]["viewer_code"], "246810");
    assert_eq!(page["settings"]["waiting_room"], "everyone", "the old checkbox's value still means everyone");
    assert_eq!(page["settings"]["max_participants"], 20);
    assert_eq!(page["settings"]["region"], "eu");
    ann.call("rooms/rename", &[("slug", &slug), ("name", "Assembly")]).await.ok();

    // Anyone with the link sees the room, never its settings or access codes.
    let visitor = app.browser().call("rooms/page", &[("slug", &slug)]).await.ok().clone();
    assert_eq!(visitor["name"], "Assembly");
    assert_eq!(visitor["access"], "Visitor");
    assert_eq!(visitor["link"], format!("{}/r/{slug}", app.base));
    assert!(visitor["settings"].is_null());
    let html = app.browser().get(&format!("/r/{slug}")).await.text().await.unwrap();
    assert!(html.contains("Assembly") && !html.contains("246810"), "{html}");
    assert_eq!(app.browser().call("rooms/page", &[("slug", "zzz-zzz-zzz-zzz")]).await.status, 404);
    // A browser asks for HTML, and a proxy or a monitor in front of it still reads a missing room
    // as missing.
    let missing = app.browser().get_html("/r/zzz-zzz-zzz-zzz").await;
    assert_eq!(missing.status(), 404);
    assert!(missing.text().await.unwrap().contains(app::i18n::Lang::En.t("room.not_found")));
}
on_both_databases!(members_create_and_configure_rooms);

async fn co_owners_manage_but_only_owners_delete_and_share(db: Db) {
    let app = TestApp::spawn(db).await;
    with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let bob = app.member("Bob", "bob@example.coop", PW).await;
    let eve = app.member("Eve", "eve@example.coop", PW).await;
    let slug = create(&ann, "Board").await;
    let anonymous = app.browser();

    assert_eq!(
        ann.call("rooms/share", &[("slug", &slug), ("email", "nobody@example.coop")]).await.field("email"),
        "field.email.no_member"
    );
    assert_eq!(
        ann.call("rooms/share", &[("slug", &slug), ("email", "ann@example.coop")]).await.field("email"),
        "field.email.is_owner"
    );
    ann.call("rooms/share", &[("slug", &slug), ("email", "BOB@example.coop")]).await.ok();
    assert_eq!(
        ann.call("rooms/share", &[("slug", &slug), ("email", "bob@example.coop")]).await.field("email"),
        "field.email.already_shared"
    );

    let shared = bob.call("rooms/list", &[]).await.ok().clone();
    assert_eq!((shared[0]["access"].as_str(), shared[0]["owner_name"].as_str()), (Some("CoOwner"), Some("Ann")));
    bob.call("rooms/settings", &settings(&slug, "eu", &[("mute_on_join", "on")])).await.ok();
    bob.call("rooms/rename", &[("slug", &slug), ("name", "Board (Bob)")]).await.ok();

    // Who may do what: 401 for the anonymous, 403 for strangers and for co-owners on owner-only actions.
    let form = settings(&slug, "eu", &[]);
    for (who, status) in [(&anonymous, 401), (&eve, 403)] {
        assert_eq!(who.call("rooms/settings", &form).await.status, status);
        assert_eq!(who.call("rooms/rename", &[("slug", &slug), ("name", "x")]).await.status, status);
        assert_eq!(who.call("rooms/share", &[("slug", &slug), ("email", "eve@example.coop")]).await.status, status);
        assert_eq!(who.call("rooms/delete", &[("slug", &slug), ("confirm", "on")]).await.status, status);
    }
    assert_eq!(bob.call("rooms/share", &[("slug", &slug), ("email", "eve@example.coop")]).await.status, 403);
    assert_eq!(bob.call("rooms/delete", &[("slug", &slug), ("confirm", "on")]).await.status, 403);
    let bob_id = app.user_id("bob@example.coop").await.to_string();
    assert_eq!(eve.call("rooms/unshare", &[("slug", &slug), ("user_id", &bob_id)]).await.status, 403);

    let page = ann.call("rooms/manage", &[("slug", &slug)]).await.ok().clone();
    assert_eq!(page["shares"][0]["email"], "bob@example.coop");
    ann.call("rooms/unshare", &[("slug", &slug), ("user_id", &bob_id)]).await.ok();
    assert_eq!(bob.call("rooms/settings", &form).await.status, 403);
    assert!(bob.call("rooms/list", &[]).await.ok().as_array().unwrap().is_empty());
}
on_both_databases!(co_owners_manage_but_only_owners_delete_and_share);

async fn deleting_a_room_ends_its_meeting(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let slug = create(&ann, "Board").await;
    assert_eq!(ann.call("rooms/delete", &[("slug", &slug)]).await.field("confirm"), "field.confirm.required");

    sqlx::query("UPDATE rooms SET running = 1, participants = 3").execute(&app.pool).await.unwrap();
    fake.set_mode(Mode::Down);
    let refused = ann.call("rooms/delete", &[("slug", &slug), ("confirm", "on")]).await;
    assert_eq!(refused.refusal(), "bbb.status", "nothing is deleted while the meeting cannot be ended");
    assert_eq!(ann.call("rooms/list", &[]).await.ok().as_array().unwrap().len(), 1);

    fake.set_mode(Mode::Up);
    let answer = ann.call("rooms/delete", &[("slug", &slug), ("confirm", "on")]).await;
    answer.ok();
    assert_eq!(answer.headers["location"], "/dashboard?deleted=1");
    assert_eq!(fake.count("end"), 2);
    assert!(ann.call("rooms/list", &[]).await.ok().as_array().unwrap().is_empty());
    assert_eq!(app.browser().call("rooms/page", &[("slug", &slug)]).await.status, 404);
}
on_both_databases!(deleting_a_room_ends_its_meeting);

/// Every room action for every kind of caller: anonymous visitor, stranger, co-owner, owner, admin.
async fn who_may_do_what_with_a_room(db: Db) {
    let app = TestApp::spawn(db).await;
    with_regions(&app).await;
    let admin = app.browser();
    admin.login("admin@example.coop", "admin password 1").await.ok();
    let owner = app.member("Olive", "olive@example.coop", PW).await;
    let co = app.member("Cora", "cora@example.coop", PW).await;
    let stranger = app.member("Sam", "sam@example.coop", PW).await;
    let anonymous = app.browser();
    let slug = create(&owner, "Board").await;
    owner.call("rooms/share", &[("slug", &slug), ("email", "cora@example.coop")]).await.ok();

    type Action = (&'static str, fn(&str) -> Vec<(&'static str, String)>);
    let actions: Vec<Action> = vec![
        ("rooms/rename", |s| vec![("slug", s.into()), ("name", "Renamed".into())]),
        ("rooms/settings", |s| {
            let fields = [
                ("viewer_code", ""),
                ("moderator_code", ""),
                ("max_participants", ""),
                ("welcome", ""),
                ("region", "eu"),
            ];
            let mut form = vec![("slug", s.to_string())];
            form.extend(fields.into_iter().map(|(k, v)| (k, v.to_string())));
            form
        }),
        ("meetings/start", |s| vec![("slug", s.into())]),
        ("meetings/end", |s| vec![("slug", s.into())]),
        ("recordings/list", |s| vec![("slug", s.into())]),
        ("rooms/share", |s| vec![("slug", s.into()), ("email", "sam@example.coop".into())]),
    ];
    // Expected status per caller: anonymous, stranger, co-owner, owner, admin.
    let expected: [(&str, [u16; 5]); 6] = [
        ("rooms/rename", [401, 403, 200, 200, 200]),
        ("rooms/settings", [401, 403, 200, 200, 200]),
        ("meetings/start", [401, 403, 200, 200, 200]),
        ("meetings/end", [401, 403, 200, 200, 200]),
        ("recordings/list", [200, 200, 200, 200, 200]),
        ("rooms/share", [401, 403, 403, 200, 422]),
    ];
    let callers = [&anonymous, &stranger, &co, &owner, &admin];
    for ((endpoint, form), (name, statuses)) in actions.iter().zip(expected) {
        assert_eq!(*endpoint, name);
        for (caller, status) in callers.iter().zip(statuses) {
            let form = form(&slug);
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let answer = caller.call(endpoint, &form).await;
            assert_eq!(
                answer.status,
                status,
                "{endpoint} by caller #{}",
                callers.iter().position(|c| std::ptr::eq(*c, *caller)).unwrap()
            );
        }
    }
    assert_eq!(stranger.call("rooms/delete", &[("slug", &slug), ("confirm", "on")]).await.status, 403);
    assert_eq!(co.call("rooms/delete", &[("slug", &slug), ("confirm", "on")]).await.status, 403);
    admin.call("rooms/delete", &[("slug", &slug), ("confirm", "on")]).await.ok();
}
on_both_databases!(who_may_do_what_with_a_room);
