//! What a legacy record becomes here, by the rules sign-up and room creation apply: a legacy row
//! is not trusted as it is. A name goes through the name rules (the characters they refuse are
//! dropped), a password digest is kept only when the login can check it in bounded time, and an
//! email counts as confirmed only when the legacy instance had confirmed it.
use super::source::{LegacyRoom, LegacyUser};
use crate::accounts::model::{self, NAME_MAX};
use crate::accounts::service::password;
use crate::error::FieldErrors;

/// A member as they are written here.
#[derive(Debug, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    /// The legacy bcrypt digest, or empty: no password (the member uses "forgot password").
    pub password_hash: String,
    pub verified: bool,
    /// What was changed on the way, for the report: translation keys of `legacy.reason.*`.
    pub changes: Vec<&'static str>,
}

/// The member `user` (whose normalized email is `email`) as imported, or why they cannot be.
pub fn member(user: &LegacyUser, email: &str) -> Result<Member, &'static str> {
    let mut changes = Vec::new();
    let given = user.name.as_deref().unwrap_or("").trim();
    let mut name = model::clean_name(given, NAME_MAX);
    if name.is_empty() {
        // Nothing usable (v2 allows no name at all): what sign-up would show them by, their address.
        name = model::clean_name(email.split('@').next().unwrap_or(""), NAME_MAX);
    }
    if name != given {
        changes.push("legacy.reason.name_cleaned");
    }
    let mut errors = FieldErrors::default();
    model::check_name(&mut errors, "name", &name);
    if errors.into_result().is_err() {
        return Err("legacy.reason.bad_name");
    }
    let password_hash = match user.digest.as_deref() {
        Some(digest) if password::usable_bcrypt(digest) => digest.to_string(),
        Some(_) => {
            changes.push("legacy.reason.password_dropped");
            String::new()
        }
        None => String::new(),
    };
    Ok(Member { name, password_hash, verified: user.verified, changes })
}

/// A room's name as imported: through the room name rules, else its link id.
pub fn room_name(room: &LegacyRoom, link_id: &str) -> String {
    let name = model::clean_name(room.name.as_deref().unwrap_or(""), crate::rooms::model::NAME_MAX);
    if name.is_empty() { link_id.to_string() } else { name }
}

#[cfg(test)]
mod tests {
    use super::super::source::{LegacyRole, Standing};
    use super::*;

    fn user(name: Option<&str>, digest: Option<&str>, verified: bool) -> LegacyUser {
        LegacyUser {
            id: "1".into(),
            name: name.map(str::to_string),
            email: "ann@example.org".into(),
            digest: digest.map(str::to_string),
            verified,
            language: "en".into(),
            deleted: false,
            standing: Standing::Active,
            role: LegacyRole::Member,
        }
    }

    #[test]
    fn names_digests_and_confirmation_follow_the_rules_here() {
        let good = "$2a$12$".to_string() + &"a".repeat(53);
        let m = member(&user(Some("Ann Lee"), Some(&good), true), "ann@example.org").unwrap();
        assert_eq!(m, Member { name: "Ann Lee".into(), password_hash: good.clone(), verified: true, changes: vec![] });
        let greedy = good.replacen("$12$", "$31$", 1);
        let m = member(&user(Some("Ann\u{202E}eeL"), Some(&greedy), false), "ann@example.org").unwrap();
        assert_eq!((m.name.as_str(), m.password_hash.as_str(), m.verified), ("AnneeL", "", false));
        assert_eq!(m.changes, ["legacy.reason.name_cleaned", "legacy.reason.password_dropped"]);
        let m = member(&user(None, None, false), "ann@example.org").unwrap();
        assert_eq!((m.name.as_str(), m.changes.len()), ("ann", 1));
    }
}
