//! The forms' rules, whatever is typed: a booking (and the starts of its series in the member's
//! zone), sign-up, a room's settings and a room type, a tier and a rate, a region, an amount of money, a language.
//! Each answers with a value or field errors, never a panic. Two round trips are checked, being
//! cheap and promised: an amount read reads back from its decimal text, and so does a rate.
//!
//! The input is the fields separated by U+001F: 0 title, 1 date, 2 time, 3 duration,
//! 4 participants, 5 invitees, 6 every weeks, 7 count, 8 until, 9 time zone, 10 name, 11 email,
//! 12 password, 13 viewer code, 14 moderator code, 15 welcome, 16 a count (max participants,
//! capacity), 17 amount, 18 currency, 19 rate, 20 language (or an Accept-Language header),
//! 21 region code, 22 address (a region's API).
#![no_main]

use app::accounts::model::{check_email, check_language, check_time_zone, normalize_email, starting_zone, valid_email};
use app::accounts::service::registration::{SignupInput, validate};
use app::dates::parse_date;
use app::error::FieldErrors;
use app::i18n::Lang;
use app::membership::model::TierForm;
use app::membership::service::tiers::{self, parse_rate, rate_text};
use app::money::Money;
use app::regions::model::{self as regions, RegionInput};
use app::rooms::model::{self as rooms, RegionLimits, RoomSettings, SettingsForm, TypeForm};
use app::schedule::model::{BookingForm, check};
use app::schedule::service::times;
use libfuzzer_sys::fuzz_target;

/// The form's fields; one past the last is empty.
struct Fields<'a>(Vec<&'a str>);

impl<'a> Fields<'a> {
    fn get(&self, i: usize) -> &'a str {
        self.0.get(i).copied().unwrap_or("")
    }

    fn text(&self, i: usize) -> String {
        self.get(i).to_string()
    }
}

fn booking(f: &Fields<'_>) {
    let form = BookingForm {
        room: "abc-def-ghi-jkl".into(),
        title: f.text(0),
        description: f.text(15),
        date: f.text(1),
        time: f.text(2),
        duration: f.text(3),
        participants: f.text(4),
        invitees: f.text(5),
        every_weeks: f.text(6),
        count: f.text(7),
        until: f.text(8),
        region: String::new(),
    };
    let _ = parse_date(f.get(1));
    if let Ok(checked) = check(&form) {
        let tz = times::zone(f.get(9));
        for start in times::starts(tz, &checked) {
            let _ = times::form_fields(tz, start);
        }
    }
}

fn account(f: &Fields<'_>) {
    let lang = Lang::from_code(f.get(20)).unwrap_or_default();
    let input = SignupInput {
        name: f.text(10),
        email: f.text(11),
        password: f.text(12),
        invite: None,
        lang,
        time_zone: f.text(9),
        terms: (!f.get(13).is_empty()).then_some(1),
        accepted_terms: !f.get(14).is_empty(),
    };
    let _ = validate(&input);
    let _ = app::accounts::service::domains::parse(f.get(15));
    let mut errors = FieldErrors::default();
    check_email(&mut errors, "email", f.get(11));
    check_time_zone(&mut errors, "time_zone", f.get(9));
    check_language(&mut errors, "language", f.get(20));
    let _ = (valid_email(&normalize_email(f.get(11))), starting_zone(f.get(9), f.get(20)));
    let _ = Lang::from_accept_language(f.get(20));
}

fn room(f: &Fields<'_>) {
    let mut errors = FieldErrors::default();
    rooms::check_name(&mut errors, f.get(10));
    let ticked = Some("on".to_string());
    let form = SettingsForm {
        viewer_code: f.text(13),
        moderator_code: f.text(14),
        // The lobby's choice as typed: one of three words, anything else a field error.
        waiting_room: f.text(12),
        anyone_can_start: ticked.clone(),
        recording: ticked.clone(),
        auto_start_recording: ticked.clone(),
        lock_notes: ticked,
        max_participants: f.text(16),
        welcome: f.text(15),
        region: f.text(21),
        ..SettingsForm::default()
    };
    room_type(f, &form);
    let Ok(settings) = form.settings() else { return };
    let limits = RegionLimits { recording: false, max_meeting: 100 };
    let _ = rooms::check_settings(&settings, Some(limits), &RoomSettings::default(), false);
    // Unchanged codes stay valid; a running meeting keeps its region.
    let _ = rooms::check_settings(&settings, None, &settings, true);
}

/// A room type made of the same typed fields: its regions (21, then 22), its largest (16) and longest
/// (3) meeting. A type that passes pins what it pins and keeps a room it allows within its limits.
fn room_type(f: &Fields<'_>, defaults: &SettingsForm) {
    let form = TypeForm {
        name: f.text(10),
        description: f.text(15),
        regions: format!("{} {}", f.get(21), f.get(22)),
        largest: f.text(16),
        longest: f.text(3),
        defaults: defaults.clone(),
        pin_recording: Some("on".into()),
        pin_lock_notes: Some("on".into()),
        ..TypeForm::default()
    };
    let known = vec!["eu".to_string(), f.text(21)];
    let Ok(kind) = form.check(&known) else { return };
    let mut settings = RoomSettings { max_participants: kind.largest, region: f.text(21), ..RoomSettings::default() };
    kind.pin(&mut settings);
    assert!(settings.recording && settings.locks.notes, "{kind:?}");
    let mut errors = FieldErrors::default();
    kind.check(&settings, &mut errors);
    assert!(errors.is_empty() || !kind.allows_region(&settings.region), "{kind:?}: {errors:?}");
}

fn money(f: &Fields<'_>) {
    if let Ok(money) = Money::read(f.get(17), f.get(18)) {
        assert_eq!(Money::read(&money.decimal(), &money.currency).as_ref(), Ok(&money), "{money:?}");
        let _ = money.to_string();
        for lang in Lang::ALL {
            let _ = money.written(lang);
        }
    }
    if let Some(micros) = parse_rate(f.get(19)) {
        assert_eq!(parse_rate(&rate_text(micros)), Some(micros), "{micros}");
    }
    let tier = TierForm {
        id: String::new(),
        name: f.text(10),
        monthly: f.text(17),
        currency: f.text(18),
        rooms: f.text(16),
        minutes: f.text(3),
        participants: f.text(4),
        recording: None,
        events: Some("on".into()),
        retention_days: f.text(20),
        keep_recordings: Some("on".into()),
    };
    if let Ok((_, _, limits)) = tiers::check(&tier) {
        assert!(limits.retention_days.is_none_or(|days| days > 0), "{limits:?}");
    }
}

fn region(f: &Fields<'_>) {
    let input = RegionInput {
        code: f.text(21),
        name: f.text(10),
        api_url: f.text(22),
        secret: f.text(12),
        checksum: f.text(19),
        recording: None,
        max_meeting: f.text(4),
        capacity: f.text(16),
        bookable_percent: f.text(3),
        event_tag: f.text(0),
        health_url: f.text(22),
        enabled: Some("on".into()),
        is_default: None,
    };
    let _ = (regions::check(&input, true), regions::check(&input, false));
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fields = Fields(text.split('\u{1f}').collect());
    booking(&fields);
    account(&fields);
    room(&fields);
    money(&fields);
    region(&fields);
});
