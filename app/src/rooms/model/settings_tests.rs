use super::*;
use crate::rooms::model::{RecordingVisibility, SettingsForm};

const EU: Option<RegionLimits> = Some(RegionLimits { recording: false, max_meeting: 100 });

#[test]
fn settings_rules_name_their_field() {
    let ok = RoomSettings { region: "eu".into(), max_participants: 50, ..Default::default() };
    let current = ok.clone();
    assert!(check_settings(&ok, EU, &current, false).is_ok());
    let key = |s: &RoomSettings, limits, field: &str| {
        check_settings(s, limits, &current, false).unwrap_err().get(field).map(|m| m.key.clone())
    };
    let rec = RoomSettings { recording: true, ..ok.clone() };
    assert_eq!(key(&rec, EU, "recording").as_deref(), Some("field.recording.not_in_region"));
    let big = RoomSettings { max_participants: 101, ..ok.clone() };
    assert_eq!(key(&big, EU, "max_participants").as_deref(), Some("field.max_participants.over_region"));
    let code = RoomSettings { viewer_code: "a b".into(), ..ok.clone() };
    assert_eq!(key(&code, EU, "viewer_code").as_deref(), Some("field.access_code.invalid"));
    let short = RoomSettings { moderator_code: "12345".into(), ..ok.clone() };
    assert_eq!(key(&short, EU, "moderator_code").as_deref(), Some("field.access_code.invalid"));
    let same = RoomSettings { viewer_code: "123456".into(), moderator_code: "123456".into(), ..ok.clone() };
    assert_eq!(key(&same, EU, "moderator_code").as_deref(), Some("field.access_code.same"));
    assert_eq!(key(&ok, None, "region").as_deref(), Some("field.region.unknown"));
    let auto = RoomSettings { auto_start_recording: true, ..ok.clone() };
    assert_eq!(key(&auto, EU, "auto_start_recording").as_deref(), Some("field.auto_start_recording.needs_recording"));
}

#[test]
fn legacy_short_codes_stay_while_unchanged_and_a_running_room_keeps_its_region() {
    let legacy = RoomSettings { region: "eu".into(), viewer_code: "1234".into(), ..Default::default() };
    assert!(check_settings(&legacy, EU, &legacy, true).is_ok());
    let moved = RoomSettings { region: "uk".into(), ..legacy.clone() };
    let errors = check_settings(&moved, EU, &legacy, true).unwrap_err();
    assert_eq!(errors.get("region").map(|m| m.key.as_str()), Some("field.region.running"));
    assert!(check_settings(&moved, EU, &legacy, false).is_ok(), "a stopped room may move");
}

#[test]
fn the_lobby_holds_whom_it_says() {
    // (moderator, member)
    let people = [(true, true), (true, false), (false, true), (false, false)];
    let guests = |lobby: Lobby| people.map(|(m, u)| lobby.guest(m, u));
    let held = |lobby: Lobby| guests(lobby).map(|g| g && lobby.guest_policy() == "ASK_MODERATOR");
    assert_eq!(held(Lobby::Off), [false; 4]);
    assert_eq!(guests(Lobby::Off), [false, false, false, true], "BBB still marks a guest as one");
    assert_eq!(held(Lobby::Everyone), [false, false, true, true]);
    assert_eq!(held(Lobby::Guests), [false, false, false, true], "members go straight in");
    for lobby in Lobby::ALL {
        assert_eq!(Lobby::from_code(lobby.code()), lobby);
        assert_eq!(Lobby::parse(lobby.name()), Some(lobby));
    }
    assert_eq!(Lobby::parse("on"), Some(Lobby::Everyone), "the old checkbox's value");
    assert_eq!(Lobby::parse("sometimes"), None);
    let form = SettingsForm { waiting_room: "sometimes".into(), ..Default::default() };
    let error = form.settings().unwrap_err();
    assert_eq!(
        error.field_errors().and_then(|f| f.get("waiting_room")).map(|m| m.key.as_str()),
        Some("field.choice.invalid")
    );
}

#[test]
fn each_lock_reaches_its_own_parameter() {
    for (i, (field, param)) in Locks::FIELDS.iter().enumerate() {
        let mut on = [false; 7];
        on[i] = true;
        let locks = Locks::from_values(on);
        assert_eq!(locks.values(), on, "{field}");
        let params = locks.params();
        let set: Vec<&str> = params.iter().filter(|(_, v)| v == "true").map(|(k, _)| k.as_str()).collect();
        assert_eq!(set, [*param, "lockSettingsLockOnJoin"], "{field}");
        assert_eq!(params.len(), 8);
    }
    let form = SettingsForm { lock_notes: Some("on".into()), lock_user_list: Some("on".into()), ..Default::default() };
    let locks = form.settings().unwrap().locks;
    assert_eq!(locks, Locks { notes: true, user_list: true, ..Default::default() });
}

#[test]
fn changes_are_named_and_codes_only_by_name() {
    let old = RoomSettings { region: "eu".into(), viewer_code: "secret-1".into(), ..Default::default() };
    let new = RoomSettings {
        viewer_code: "secret-2".into(),
        waiting_room: Lobby::Guests,
        recording_visibility: RecordingVisibility::Members,
        locks: Locks { public_chat: true, ..Default::default() },
        ..old.clone()
    };
    assert_eq!(old.changes(&new), ["viewer_code", "waiting_room", "recording_visibility", "lock_public_chat"]);
    assert!(old.changes(&old).is_empty());
}

#[test]
fn the_recordings_default_is_one_of_four_or_the_sites() {
    let chosen =
        SettingsForm { waiting_room: "off".into(), recording_visibility: "private".into(), ..Default::default() };
    assert_eq!(chosen.settings().unwrap().recording_visibility, RecordingVisibility::Private);
    let unsaid = SettingsForm { waiting_room: "off".into(), ..Default::default() };
    assert_eq!(unsaid.settings().unwrap().recording_visibility, RecordingVisibility::default());
    let wrong =
        SettingsForm { waiting_room: "off".into(), recording_visibility: "friends".into(), ..Default::default() };
    let error = wrong.settings().unwrap_err();
    assert!(error.field_errors().and_then(|f| f.get("recording_visibility")).is_some(), "{error:?}");
}
