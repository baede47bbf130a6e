//! Room types (issue 34): an admin's preset with pinned settings, allowed regions, a largest and a
//! longest meeting, enforced on every path: creating a room, its settings, moving it, starting its
//! meeting and booking it. A type narrows a member's tier, never widens it.
use crate::on_both_databases;
use crate::rooms::settings;
use crate::schedule::{PW, book, day, world};
use crate::support::database::Db;
use crate::support::{Browser, query_of};

/// The "Assembly" type: only region `regions`, at most 40 people and 90 minutes; it starts rooms
/// with guests waiting, recording and the public chat locked, and pins those three.
fn assembly<'a>(regions: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("name", "Assembly"),
        ("description", "The members' general assembly"),
        ("regions", regions),
        ("largest", "40"),
        ("longest", "90"),
        ("waiting_room", "guests"),
        ("recording", "on"),
        ("lock_public_chat", "on"),
        ("pin_waiting_room", "on"),
        ("pin_recording", "on"),
        ("pin_lock_public_chat", "on"),
    ];
    form.extend_from_slice(extra);
    form
}

async fn create_typed(b: &Browser, name: &str, kind: &str) -> String {
    b.call("rooms/create", &[("name", name), ("room_type", kind)]).await.ok().as_str().unwrap().to_string()
}

async fn a_type_holds_on_every_path(db: Db) {
    let w = world(db).await;
    let (admin, ann) = (&w.admin, &w.ann);
    let bad = admin.call("rooms/type_save", &[("name", " "), ("regions", "eu zz"), ("largest", "-1")]).await;
    assert_eq!(bad.field("name"), "room_type.name.invalid");
    assert_eq!(bad.field("regions"), "room_type.regions.unknown");
    assert_eq!(bad.field("largest"), "field.count.invalid");
    let id = admin.call("rooms/type_save", &assembly("ca", &[])).await.ok().as_i64().unwrap().to_string();
    let taken = admin.call("rooms/type_save", &assembly("ca", &[])).await;
    assert_eq!(taken.field("name"), "room_type.name.taken");
    let listed = ann.call("rooms/types", &[]).await.ok().clone();
    assert_eq!(listed[0]["name"], "Assembly");
    assert_eq!(
        ann.call("rooms/create", &[("name", "X"), ("room_type", "999")]).await.field("room_type"),
        "field.choice.invalid"
    );

    // Created with the type: its defaults, in the one region it allows (the default is eu).
    let slug = create_typed(ann, "General assembly", &id).await;
    let page = ann.call("rooms/manage", &[("slug", &slug)]).await.ok().clone();
    assert_eq!(page["type_id"].as_i64().map(|n| n.to_string()), Some(id.clone()));
    let s = &page["settings"];
    assert_eq!((s["region"].as_str(), s["waiting_room"].as_str()), (Some("ca"), Some("guests")));
    assert_eq!((s["recording"].as_bool(), s["locks"]["public_chat"].as_bool()), (Some(true), Some(true)));

    // The settings form cannot undo a pin, leave the type's regions or pass its largest meeting.
    let over = ann.call("rooms/settings", &settings(&slug, "eu", &[("max_participants", "41")])).await;
    assert_eq!(over.field("region"), "field.region.not_in_type");
    assert_eq!(over.field("max_participants"), "field.max_participants.over_type");
    let form = settings(&slug, "ca", &[("max_participants", "30"), ("mute_on_join", "on"), ("waiting_room", "off")]);
    ann.call("rooms/settings", &form).await.ok();
    let s = ann.call("rooms/manage", &[("slug", &slug)]).await.ok()["settings"].clone();
    assert_eq!(s["recording"], true, "pinned: the form's missing box does not turn it off");
    assert_eq!((s["locks"]["public_chat"].as_bool(), s["waiting_room"].as_str()), (Some(true), Some("guests")));
    assert_eq!((s["mute_on_join"].as_bool(), s["max_participants"].as_i64()), (Some(true), Some(30)));
    assert_eq!(
        ann.call("rooms/move", &[("slug", &slug), ("region", "eu"), ("confirm", "on")]).await.field("region"),
        "field.region.not_in_type"
    );

    // Booking: longer, larger or elsewhere than the type allows is refused next to the field.
    let d = day(&w.app, 3);
    let long = book(ann, &slug, &d, "10:00", "120", "50", &[("region", "eu")]).await;
    assert_eq!(long.field("duration"), "booking.duration.over_type");
    assert_eq!(long.field("participants"), "field.max_participants.over_type");
    assert_eq!(long.field("region"), "field.region.not_in_type");
    book(ann, &slug, &d, "10:00", "90", "40", &[]).await.ok();

    // Starting: the create call carries the pins, the room's size and the type's longest meeting.
    ann.call("meetings/start", &[("slug", &slug), ("recording_consent", "on")]).await.ok();
    let create = w.fake.calls().into_iter().rev().find(|c| c.name == "create").unwrap();
    let p = query_of(&format!("?{}", create.query));
    for (name, value) in [("record", "true"), ("lockSettingsDisablePublicChat", "true"), ("maxParticipants", "30")] {
        assert_eq!(p[name], value, "{name}");
    }
    assert_eq!(p["duration"], "90");
    assert_eq!(p["guestPolicy"], "ASK_MODERATOR");
    ann.call("meetings/end", &[("slug", &slug)]).await.ok();

    // The admin narrows the type: its rooms take a new pin at once; a region it no longer allows
    // stops the start with a reason, until the room's managers give it the type again.
    let narrowed = assembly("eu", &[("id", &id), ("lock_webcams", "on"), ("pin_lock_webcams", "on")]);
    admin.call("rooms/type_save", &narrowed).await.ok();
    let s = ann.call("rooms/manage", &[("slug", &slug)]).await.ok()["settings"].clone();
    assert_eq!((s["locks"]["webcams"].as_bool(), s["mute_on_join"].as_bool()), (Some(true), Some(true)));
    let refused = ann.call("meetings/start", &[("slug", &slug), ("recording_consent", "on")]).await;
    assert_eq!(refused.refusal(), "meeting.region_not_in_type");
    // A co-owner changes settings but cannot drop the type to lift its pins.
    let cora = w.app.member("Cora", "cora@example.coop", PW).await;
    ann.call("rooms/share", &[("slug", &slug), ("email", "cora@example.coop"), ("role", "co_owner")]).await.ok();
    assert_eq!(cora.call("rooms/set_type", &[("slug", &slug), ("room_type", "")]).await.status, 403);
    ann.call("rooms/set_type", &[("slug", &slug), ("room_type", &id)]).await.ok();
    let s = ann.call("rooms/manage", &[("slug", &slug)]).await.ok()["settings"].clone();
    assert_eq!(s["region"], "eu", "moved to the region the type allows");
    ann.call("meetings/start", &[("slug", &slug), ("recording_consent", "on")]).await.ok();
    ann.call("meetings/end", &[("slug", &slug)]).await.ok();

    // A type never widens the tier: a member whose tier does not record gets a room that does not.
    let tier = [("name", "Free"), ("monthly", "0"), ("currency", "EUR"), ("participants", "20")];
    admin.call("membership/tier", &tier).await.ok();
    let bob = w.app.member("Bob", "bob@example.coop", PW).await;
    let bobs = create_typed(&bob, "Bob's assembly", &id).await;
    let s = bob.call("rooms/manage", &[("slug", &bobs)]).await.ok()["settings"].clone();
    assert_eq!(s["recording"], false);
    bob.call("meetings/start", &[("slug", &bobs)]).await.ok();
    let create = w.fake.calls().into_iter().rev().find(|c| c.name == "create").unwrap();
    let p = query_of(&format!("?{}", create.query));
    assert_eq!(
        (p["record"].as_str(), p["maxParticipants"].as_str()),
        ("false", "20"),
        "the tier's 20, under the type's 40"
    );

    // Deleting the type leaves its rooms without one; every change is in the security log.
    let listed = admin.call("rooms/types_admin", &[]).await.ok().clone();
    assert_eq!(listed[0][0]["rooms"], 2);
    admin.call("rooms/type_delete", &[("id", &id), ("replacement", "")]).await.ok();
    let page = ann.call("rooms/manage", &[("slug", &slug)]).await.ok().clone();
    assert!(page["type_id"].is_null());
    let logged: Vec<String> =
        sqlx::query_scalar("SELECT detail FROM security_events WHERE kind = 'room.type' ORDER BY id")
            .fetch_all(&w.app.pool)
            .await
            .unwrap();
    assert_eq!(logged, ["created", "changed", "deleted"]);
}
on_both_databases!(a_type_holds_on_every_path);
