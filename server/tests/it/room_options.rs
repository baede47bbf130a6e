//! Issue 34's room options through the fake BBB: lock settings, auto-start recording, the three
//! lobby choices, and consent before a recorded room's join link.
use crate::on_both_databases;
use crate::rooms::{create, settings, with_regions};
use crate::support::TestApp;
use crate::support::database::Db;
use crate::support::query_of;

const PW: &str = "correct horse battery";

async fn locks_and_the_lobby_reach_bbb_and_the_audit_log(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let bob = app.member("Bob", "bob@example.coop", PW).await;
    let slug = create(&ann, "Assembly").await;
    let form = settings(
        &slug,
        "eu",
        &[
            ("waiting_room", "guests"),
            ("lock_notes", "on"),
            ("lock_public_chat", "on"),
            ("lock_webcams_for_moderators", "on"),
            ("recording", "on"),
            ("auto_start_recording", "on"),
        ],
    );
    ann.call("rooms/settings", &form).await.ok();
    let page = ann.call("rooms/manage", &[("slug", &slug)]).await.ok().clone();
    assert_eq!(page["settings"]["waiting_room"], "guests");
    assert_eq!(page["settings"]["locks"]["notes"], true);
    assert_eq!(page["settings"]["locks"]["webcams"], false);

    ann.call("meetings/start", &[("slug", &slug), ("recording_consent", "on")]).await.ok();
    let create_call = fake.calls().into_iter().find(|c| c.name == "create").unwrap();
    let p = query_of(&format!("?{}", create_call.query));
    let expected = [
        ("lockSettingsDisableNotes", "true"),
        ("lockSettingsDisablePublicChat", "true"),
        ("webcamsOnlyForModerator", "true"),
        ("lockSettingsDisableCam", "false"),
        ("lockSettingsDisableMic", "false"),
        ("lockSettingsDisablePrivateChat", "false"),
        ("lockSettingsHideUserList", "false"),
        ("lockSettingsLockOnJoin", "true"),
        ("guestPolicy", "ASK_MODERATOR"),
        ("record", "true"),
        ("autoStartRecording", "true"),
    ];
    for (name, value) in expected {
        assert_eq!(p[name], value, "{name}");
    }

    // Guests only: a member goes straight in, a guest waits in BBB's lobby.
    let guest_flag = |answer: &crate::support::Answer| {
        let url = answer.ok().as_str().unwrap_or_else(|| panic!("a join link: {:?}", answer.result)).to_string();
        query_of(&url).get("guest").cloned()
    };
    let member = bob.call("meetings/join", &[("slug", &slug), ("recording_consent", "on")]).await;
    assert_eq!(guest_flag(&member), None);
    let gus = app.browser();
    let guest = gus.call("meetings/join", &[("slug", &slug), ("name", "Gus"), ("recording_consent", "on")]).await;
    assert_eq!(guest_flag(&guest).as_deref(), Some("true"));
    // Everyone waits: the member too.
    ann.call("rooms/settings", &settings(&slug, "eu", &[("waiting_room", "everyone")])).await.ok();
    let member = bob.call("meetings/join", &[("slug", &slug)]).await;
    assert_eq!(guest_flag(&member).as_deref(), Some("true"));

    // Each change is in the audit log by name; codes never by value.
    ann.call("rooms/settings", &settings(&slug, "eu", &[("viewer_code", "sesame-42")])).await.ok();
    let logged: Vec<String> = sqlx::query_scalar(
        "SELECT detail FROM security_events WHERE kind = 'room.settings' AND subject = $1 ORDER BY id",
    )
    .bind(&slug)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(logged.len(), 3, "{logged:?}");
    assert!(logged[0].contains("waiting_room") && logged[0].contains("lock_notes"), "{logged:?}");
    assert!(logged[1].contains("recording") && logged[1].contains("lock_notes"), "undone: {logged:?}");
    assert_eq!(logged[2], "viewer_code, waiting_room", "the code's name, never its value");
}
on_both_databases!(locks_and_the_lobby_reach_bbb_and_the_audit_log);

async fn a_recorded_room_makes_no_link_without_consent(db: Db) {
    let app = TestApp::spawn(db).await;
    let fake = with_regions(&app).await;
    let ann = app.member("Ann", "ann@example.coop", PW).await;
    let bob = app.member("Bob", "bob@example.coop", PW).await;
    let slug = create(&ann, "Board").await;

    // Not recorded: no box, no consent kept.
    let view = app.browser().call("rooms/page", &[("slug", &slug)]).await.ok().clone();
    assert_eq!(view["records"], false);
    ann.call("meetings/start", &[("slug", &slug)]).await.ok();
    ann.call("meetings/end", &[("slug", &slug)]).await.ok();
    let kept = |app: &TestApp| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_as::<_, (Option<i64>, String, i64)>(
                "SELECT user_id, name, created_at FROM recording_consents ORDER BY id",
            )
            .fetch_all(&pool)
            .await
            .unwrap()
        }
    };
    assert!(kept(&app).await.is_empty());

    // A guest waits for the start; recording turned on meanwhile asks them again.
    let gus = app.browser();
    let waiting = gus.call("meetings/join", &[("slug", &slug), ("name", "Gus")]).await;
    assert_eq!(waiting.headers["location"], format!("/r/{slug}/wait"));
    ann.call("rooms/settings", &settings(&slug, "eu", &[("recording", "on")])).await.ok();
    let view = gus.call("rooms/page", &[("slug", &slug)]).await.ok().clone();
    assert_eq!(view["records"], true);
    let again = gus.get(&format!("/r/{slug}/join")).await;
    assert_eq!(again.headers()["location"], format!("/r/{slug}").as_str(), "asked again: the room now records");
    let page = gus.get(&format!("/r/{slug}")).await.text().await.unwrap();
    assert!(page.contains("name=\"recording_consent\"") && page.contains("may be recorded"), "{page}");

    // Without the box: refused next to it (and the name, both at once); no link, no call.
    let calls = fake.calls().len();
    let refused = gus.call("meetings/join", &[("slug", &slug), ("name", "")]).await;
    assert_eq!(refused.field("recording_consent"), "field.recording_consent.required");
    assert_eq!(refused.field("name"), "field.name.required");
    assert_eq!(
        bob.call("meetings/join", &[("slug", &slug)]).await.field("recording_consent"),
        "field.recording_consent.required"
    );
    assert_eq!(
        ann.call("meetings/start", &[("slug", &slug)]).await.field("recording_consent"),
        "field.recording_consent.required"
    );
    assert_eq!(fake.calls().len(), calls, "no join link was made");
    assert!(kept(&app).await.is_empty());

    // With it: the link, and the consent kept with its time.
    app.clock.advance(60);
    let at = app.clock.now().secs();
    ann.call("meetings/start", &[("slug", &slug), ("recording_consent", "on")]).await.ok();
    let gus_in = gus.call("meetings/join", &[("slug", &slug), ("name", "Gus"), ("recording_consent", "on")]).await;
    assert_eq!(query_of(gus_in.ok().as_str().unwrap())["fullName"], "Gus");
    let bob_in = bob.call("meetings/join", &[("slug", &slug), ("recording_consent", "on")]).await;
    assert_eq!(query_of(bob_in.ok().as_str().unwrap())["fullName"], "Bob");
    let ann_id = app.user_id("ann@example.coop").await;
    let bob_id = app.user_id("bob@example.coop").await;
    assert_eq!(
        kept(&app).await,
        vec![
            (Some(ann_id), "Ann".to_string(), at),
            (None, "Gus".to_string(), at),
            (Some(bob_id), "Bob".to_string(), at)
        ]
    );
}
on_both_databases!(a_recorded_room_makes_no_link_without_consent);
