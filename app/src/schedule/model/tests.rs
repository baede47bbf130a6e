//! The booking form's rules.
use super::*;

fn form() -> BookingForm {
    BookingForm {
        room: "abc".into(),
        title: "Assembly".into(),
        date: "2026-12-01".into(),
        time: "18:30".into(),
        duration: "90".into(),
        participants: "120".into(),
        invitees: "Ann@Example.org, bob@example.org\nann@example.org".into(),
        ..Default::default()
    }
}

#[test]
fn a_good_form_is_read_whole() {
    let checked = check(&form()).unwrap();
    assert_eq!((checked.hour, checked.minute, checked.minutes, checked.participants), (18, 30, 90, 120));
    assert_eq!(checked.invitees, ["ann@example.org", "bob@example.org"], "lower-cased, once each");
    assert_eq!(checked.repeat, None);
    let series = check(&form().with("every_weeks", "2".into()).with("count", "5".into())).unwrap();
    assert_eq!(series.repeat, Some((2, SeriesEnd::Count(5))));
    let until = check(&form().with("every_weeks", "1".into()).with("until", "2027-01-31".into())).unwrap();
    assert_eq!(until.repeat, Some((1, SeriesEnd::Until(Date { year: 2027, month: 1, day: 31 }))));
}

#[test]
fn each_bad_field_is_named() {
    let cases = [
        ("title", " ", "booking.title.invalid"),
        ("date", "1/12/2026", "booking.date.invalid"),
        ("time", "25:00", "booking.time.invalid"),
        ("duration", "721", "booking.duration.invalid"),
        ("participants", "0", "booking.participants.invalid"),
        ("invitees", "ann@example.org, not-an-address", "booking.invitees.invalid"),
        ("every_weeks", "13", "booking.every_weeks.invalid"),
    ];
    for (field, value, key) in cases {
        let errors = check(&form().with(field, value.into()).with("count", "3".into())).unwrap_err();
        assert_eq!(errors.get(field).map(|m| m.key.as_str()), Some(key), "{field}");
    }
    let no_end = check(&form().with("every_weeks", "1".into())).unwrap_err();
    assert_eq!(no_end.get("count").map(|m| m.key.as_str()), Some("booking.series_end.missing"));
    let before = check(&form().with("every_weeks", "1".into()).with("until", "2026-11-01".into())).unwrap_err();
    assert_eq!(before.get("until").map(|m| m.key.as_str()), Some("booking.until.invalid"));
}

#[test]
fn a_booking_for_one_participant_is_taken() {
    let alone = check(&form().with("participants", "1".into())).unwrap();
    assert_eq!(alone.participants, 1, "a rehearsal or a recording made alone");
}

#[test]
fn fields_are_read_and_written_by_name() {
    for name in BookingForm::FIELDS {
        assert_eq!(BookingForm::default().with(name, "x".into()).get(name), "x", "{name}");
    }
    assert_eq!(form().get("nope"), "");
}
