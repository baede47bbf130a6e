use super::*;
use crate::rooms::model::Lobby;

fn form() -> TypeForm {
    TypeForm {
        name: "Assembly".into(),
        regions: "eu, uk".into(),
        largest: "200".into(),
        longest: "180".into(),
        defaults: SettingsForm {
            waiting_room: "guests".into(),
            recording: Some("on".into()),
            lock_public_chat: Some("on".into()),
            ..SettingsForm::default()
        },
        pin_recording: Some("on".into()),
        pin_lock_public_chat: Some("on".into()),
        ..TypeForm::default()
    }
}

fn known() -> Vec<String> {
    vec!["eu".into(), "uk".into(), "ca".into()]
}

#[test]
fn a_form_becomes_a_type_with_its_pins_regions_and_limits() {
    let t = form().check(&known()).expect("a good form");
    assert_eq!(t.name, "Assembly");
    assert_eq!(t.pinned, vec!["recording", "lock_public_chat"]);
    assert_eq!(t.regions, vec!["eu", "uk"]);
    assert_eq!((t.largest, t.longest), (200, 180));
    assert_eq!(t.defaults.waiting_room, Lobby::Guests);
    assert!(t.defaults.recording && t.defaults.locks.public_chat && !t.defaults.locks.webcams);
}

#[test]
fn unknown_regions_bad_limits_and_no_name_are_field_errors() {
    let bad = TypeForm {
        name: " ".into(),
        regions: "eu zz yy".into(),
        largest: "-3".into(),
        longest: "long".into(),
        ..form()
    };
    let errors = bad.check(&known()).expect_err("a bad form");
    for field in ["name", "regions", "largest", "longest"] {
        assert!(errors.get(field).is_some(), "{field} has no error");
    }
    assert_eq!(
        errors.get("regions").map(|m| m.args.clone()),
        Some(vec![("codes".to_string(), crate::error::Arg::from("zz, yy"))])
    );
}

#[test]
fn seeding_takes_every_default_and_pinning_only_the_pinned() {
    let t = form().check(&known()).expect("a good form");
    let mine = RoomSettings {
        mute_on_join: true,
        recording: false,
        locks: Locks { webcams: true, ..Locks::default() },
        region: "ca".into(),
        ..RoomSettings::default()
    };
    let mut seeded = mine.clone();
    t.seed(&mut seeded);
    assert!(!seeded.mute_on_join && seeded.recording && !seeded.locks.webcams && seeded.locks.public_chat);
    assert_eq!(seeded.waiting_room, Lobby::Guests);
    let mut pinned = mine.clone();
    t.pin(&mut pinned);
    // What the type pins is its value; what it leaves open stays the member's.
    assert!(pinned.recording && pinned.locks.public_chat);
    assert!(pinned.mute_on_join && pinned.locks.webcams);
    assert_eq!(pinned.waiting_room, Lobby::Off);
}

#[test]
fn a_type_refuses_a_region_outside_it_and_a_larger_meeting() {
    let t = form().check(&known()).expect("a good form");
    let mut errors = FieldErrors::default();
    t.check(&RoomSettings { region: "ca".into(), max_participants: 201, ..RoomSettings::default() }, &mut errors);
    assert!(errors.get("region").is_some() && errors.get("max_participants").is_some());
    let mut fine = FieldErrors::default();
    t.check(&RoomSettings { region: "uk".into(), max_participants: 200, ..RoomSettings::default() }, &mut fine);
    assert!(fine.is_empty());
    let open = RoomType { regions: Vec::new(), ..t };
    assert!(open.allows_region("ca"));
}

#[test]
fn recording_from_the_start_is_pinned_only_with_recording() {
    let lone = TypeForm { pin_auto_start_recording: Some("on".into()), pin_recording: None, ..form() };
    let errors = lone.check(&known()).expect_err("auto-start pinned alone");
    assert!(errors.get("auto_start_recording").is_some());
    let both = TypeForm { pin_auto_start_recording: Some("on".into()), ..form() };
    assert!(both.check(&known()).is_ok());
}
