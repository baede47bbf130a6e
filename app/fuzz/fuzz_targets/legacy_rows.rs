//! A legacy Greenlight row, whatever its columns hold, mapped as the import maps it: role and
//! standing, digest, settings (v2's JSON text, v3's option rows), then held to the rules here
//! (`vet`). Never a panic; what is kept passes the rules sign-up applies.
//!
//! The input is the row's fields separated by U+001F; a field that is a lone NUL is NULL:
//! 0 flags (`2` or `3`: that version only; `v` verified, `d` deleted), 1 name, 2 email, 3 digest,
//! 4 provider, 5 role, 6 role's provider, 7 status, 8 language, 9 room name, 10 link id,
//! 11 meeting id, 12 settings (v2: JSON; v3: `option=value` lines, no `=`: a NULL value),
//! 13 viewer code, 14 moderator code.
#![no_main]

use app::accounts::model::{check_name, normalize_email};
use app::accounts::service::password::usable_bcrypt;
use app::error::FieldErrors;
use app::i18n::Lang;
use app::legacy::service::import::excluded;
use app::legacy::service::source::{LegacyRoom, LegacySettings, LegacyUser, v2, v3};
use app::legacy::service::vet;
use libfuzzer_sys::fuzz_target;

/// The row's fields; one past the last is empty.
struct Row<'a>(Vec<&'a str>);

impl<'a> Row<'a> {
    fn get(&self, i: usize) -> &'a str {
        self.0.get(i).copied().unwrap_or("")
    }

    /// A nullable column: a lone NUL is NULL.
    fn nullable(&self, i: usize) -> Option<String> {
        Some(self.get(i)).filter(|f| *f != "\0").map(str::to_string)
    }
}

fn user(v2_row: bool, row: &Row<'_>) -> LegacyUser {
    let flags = row.get(0);
    let (standing, role, digest) = if v2_row {
        let (standing, role) = v2::role(row.get(5));
        let local = v2::is_local(row.nullable(4).as_deref());
        (standing, role, if local { row.nullable(3) } else { None })
    } else {
        let status = row.get(7).trim().parse().unwrap_or(0);
        (v3::standing(status), v3::role(row.get(5), row.get(4), row.get(6)), row.nullable(3))
    };
    LegacyUser {
        id: "1".into(),
        name: row.nullable(1),
        email: row.get(2).to_string(),
        digest,
        verified: flags.contains('v'),
        language: row.get(8).to_string(),
        deleted: v2_row && flags.contains('d'),
        standing,
        role,
    }
}

fn settings(v2_row: bool, row: &Row<'_>) -> LegacySettings {
    if v2_row {
        return v2::settings(row.get(12), row.get(13).to_string(), row.get(14).to_string());
    }
    let rows = row
        .get(12)
        .lines()
        .map(|line| match line.split_once('=') {
            Some((name, value)) => (Some("1".to_string()), Some(name.to_string()), Some(value.to_string())),
            None => (Some("1".to_string()), Some(line.to_string()), None),
        })
        .collect();
    let options = v3::grouped(rows);
    v3::settings(options.get("1").unwrap_or(&v3::Options::new()))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let row = Row(text.split('\u{1f}').collect());
    let versions: &[bool] = match row.get(0).chars().next() {
        Some('2') => &[true],
        Some('3') => &[false],
        _ => &[true, false],
    };
    for &v2_row in versions {
        let user = user(v2_row, &row);
        let email = normalize_email(&user.email);
        let _ = excluded(&user);
        let _ = Lang::from_code(&user.language).unwrap_or_default().code();
        if let Ok(member) = vet::member(&user, &email) {
            let mut errors = FieldErrors::default();
            check_name(&mut errors, "name", &member.name);
            assert!(errors.is_empty(), "a kept name passes the name rules: {:?}", member.name);
            assert!(member.password_hash.is_empty() || usable_bcrypt(&member.password_hash));
        }
        let room = LegacyRoom {
            id: "1".into(),
            owner: Some("1".into()),
            name: row.nullable(9),
            link_id: row.nullable(10),
            meeting_id: row.nullable(11),
            deleted: false,
            settings: settings(v2_row, &row),
        };
        if let (Some(link_id), Some(_)) = (room.link_id.as_deref(), room.meeting_id.as_deref()) {
            let _ = (vet::room_name(&room, link_id), link_id.to_lowercase());
        }
    }
});
