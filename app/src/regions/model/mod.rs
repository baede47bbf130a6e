//! Regions as the pages see them. The secret never appears here: it is write-only.
pub mod maintenance;

use crate::bbb::Algorithm;
use crate::error::{FieldErrors, Msg};
use serde::{Deserialize, Serialize};

/// A region without its secret: what admin and member pages may show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub code: String,
    pub name: String,
    pub api_url: String,
    pub checksum: Algorithm,
    pub recording: bool,
    /// Participants in one meeting; 0 = no limit of ours.
    pub max_meeting: i64,
    /// Concurrent participants in the region; 0 = unknown.
    pub capacity: i64,
    /// The share of `capacity` that bookings may reserve, in percent.
    pub bookable_percent: i64,
    pub event_tag: Option<String>,
    /// A Scalelite-style health check, read by the monitoring poll.
    pub health_url: Option<String>,
    pub enabled: bool,
    pub is_default: bool,
    /// Declared in the configuration file, which wins over the database: not editable in the page.
    pub from_config: bool,
    /// The demo region (a fake BBB server: no audio or video), labelled as such wherever shown.
    pub demo: bool,
}

/// What an admin submits. An empty secret keeps the one saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionInput {
    pub code: String,
    pub name: String,
    pub api_url: String,
    #[serde(default)]
    pub secret: String,
    pub checksum: String,
    #[serde(default)]
    pub recording: Option<String>,
    #[serde(default)]
    pub max_meeting: String,
    #[serde(default)]
    pub capacity: String,
    /// Empty: 80.
    #[serde(default)]
    pub bookable_percent: String,
    #[serde(default)]
    pub event_tag: String,
    #[serde(default)]
    pub health_url: String,
    #[serde(default)]
    pub enabled: Option<String>,
    #[serde(default)]
    pub is_default: Option<String>,
}

/// The outcome of "Test connection": each step and what it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub step: String,
    pub ok: bool,
    pub detail: Msg,
}

pub fn valid_code(code: &str) -> bool {
    (2..=16).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !code.starts_with('-')
}

fn count(errors: &mut FieldErrors, field: &str, text: &str) -> i64 {
    match text.trim() {
        "" => 0,
        t => t.parse::<i64>().ok().filter(|n| *n >= 0).unwrap_or_else(|| {
            errors.add(field, Msg::new("field.count.invalid"));
            0
        }),
    }
}

/// What an admin's input says, parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    pub algorithm: Algorithm,
    pub max_meeting: i64,
    pub capacity: i64,
    pub bookable_percent: i64,
}

/// Checks an admin's input; returns the parsed numbers and algorithm.
pub fn check(input: &RegionInput, creating: bool) -> Result<Parsed, FieldErrors> {
    let mut errors = FieldErrors::default();
    if !valid_code(input.code.trim()) {
        errors.add("code", Msg::new("field.region_code.invalid"));
    }
    if input.name.trim().is_empty() {
        errors.add("name", Msg::new("field.name.required"));
    }
    let url = input.api_url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() < 10 || url.contains(' ') {
        errors.add("api_url", Msg::new("field.api_url.invalid"));
    }
    let health = input.health_url.trim();
    if !health.is_empty()
        && (!(health.starts_with("https://") || health.starts_with("http://")) || health.contains(' '))
    {
        errors.add("health_url", Msg::new("field.api_url.invalid"));
    }
    if creating && input.secret.trim().is_empty() {
        errors.add("secret", Msg::new("field.secret.required"));
    }
    let algorithm = Algorithm::parse(&input.checksum).unwrap_or_else(|| {
        errors.add("checksum", Msg::new("field.checksum.invalid"));
        Algorithm::default()
    });
    let max_meeting = count(&mut errors, "max_meeting", &input.max_meeting);
    let capacity = count(&mut errors, "capacity", &input.capacity);
    if max_meeting > 0 && capacity > 0 && max_meeting > capacity {
        errors.add("max_meeting", Msg::new("field.max_meeting.over_capacity"));
    }
    let bookable_percent = match input.bookable_percent.trim() {
        "" => 80,
        text => text.parse::<i64>().ok().filter(|p| (0..=100).contains(p)).unwrap_or_else(|| {
            errors.add("bookable_percent", Msg::new("field.percent.invalid"));
            80
        }),
    };
    if errors.is_empty() { Ok(Parsed { algorithm, max_meeting, capacity, bookable_percent }) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> RegionInput {
        RegionInput {
            code: "eu".into(),
            name: "Europe".into(),
            api_url: "https://bbb.example.coop/bigbluebutton/api/".into(),
            secret: "s".into(),
            checksum: "sha256".into(),
            max_meeting: "100".into(),
            capacity: "400".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_region_passes_and_each_bad_field_is_named() {
        assert_eq!(
            check(&input(), true),
            Ok(Parsed { algorithm: Algorithm::Sha256, max_meeting: 100, capacity: 400, bookable_percent: 80 })
        );
        type Spoil = fn(&mut RegionInput);
        let cases: Vec<(Spoil, &str, &str)> = vec![
            (|i| i.code = "EU!".into(), "code", "field.region_code.invalid"),
            (|i| i.name = " ".into(), "name", "field.name.required"),
            (|i| i.api_url = "ftp://x".into(), "api_url", "field.api_url.invalid"),
            (|i| i.secret = "".into(), "secret", "field.secret.required"),
            (|i| i.checksum = "md5".into(), "checksum", "field.checksum.invalid"),
            (|i| i.capacity = "-1".into(), "capacity", "field.count.invalid"),
            (|i| i.max_meeting = "500".into(), "max_meeting", "field.max_meeting.over_capacity"),
            (|i| i.bookable_percent = "120".into(), "bookable_percent", "field.percent.invalid"),
        ];
        for (spoil, field, key) in cases {
            let mut i = input();
            spoil(&mut i);
            let errors = check(&i, true).unwrap_err();
            assert_eq!(errors.get(field).map(|m| m.key.as_str()), Some(key), "{field}");
        }
        let mut keep = input();
        keep.secret.clear();
        assert!(check(&keep, false).is_ok(), "an edit may keep the saved secret");
    }
}
