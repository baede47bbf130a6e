//! Account types shared by the page and the server, and the input rules both sides run.
use crate::error::{FieldErrors, Msg};
pub mod admin;
mod common_passwords;

use serde::{Deserialize, Serialize};

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 128;
pub const NAME_MAX: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Member => "member",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "member" => Some(Role::Member),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Active,
    Pending,
    Suspended,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Pending => "pending",
            Status::Suspended => "suspended",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "active" => Some(Status::Active),
            "pending" => Some(Status::Pending),
            "suspended" => Some(Status::Suspended),
            _ => None,
        }
    }
}

/// Who may create an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RegistrationMode {
    #[default]
    Open,
    Approval,
    Invite,
}

impl RegistrationMode {
    pub const ALL: [RegistrationMode; 3] =
        [RegistrationMode::Open, RegistrationMode::Approval, RegistrationMode::Invite];
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationMode::Open => "open",
            RegistrationMode::Approval => "approval",
            RegistrationMode::Invite => "invite",
        }
    }
    pub fn parse(s: &str) -> Option<RegistrationMode> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// What the new member is told after signing up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignupOutcome {
    /// A verification link is on its way.
    CheckEmail,
    /// A verification link is on its way, and then the account waits for an admin's approval
    /// (approval mode): they may not log in until an admin approves it.
    AwaitApproval,
    /// Verified by the invitation; they may log in now.
    Ready,
}

/// The signed-in member, as the page sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub language: String,
    pub time_zone: String,
}

impl Me {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

/// Lower-cased and trimmed: emails are unique without regard to case.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A plausible address: something, one `@`, a dotted domain, no spaces or separators.
pub fn valid_email(email: &str) -> bool {
    email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace() || c == ',' || c == '<' || c == '>')
                && domain.matches('@').count() == 0
        })
}

pub fn check_email(errors: &mut FieldErrors, field: &str, email: &str) {
    let email = email.trim();
    let valid = valid_email(email);
    if email.is_empty() {
        errors.add(field, Msg::new("field.email.required"));
    } else if !valid {
        errors.add(field, Msg::new("field.email.invalid"));
    }
}

pub fn check_name(errors: &mut FieldErrors, field: &str, name: &str) {
    let name = name.trim();
    if name.is_empty() {
        errors.add(field, Msg::new("field.name.required"));
    } else if name.chars().count() > NAME_MAX {
        errors.add(field, Msg::with("field.name.too_long", "max", NAME_MAX));
    } else if has_unsafe_chars(name) {
        errors.add(field, Msg::new("field.name.unsafe_chars"));
    }
}

/// Control characters and the bidirectional overrides and isolates: in a name they can reorder
/// what the next line of a list shows, or make one member's name look like another's.
pub fn has_unsafe_chars(text: &str) -> bool {
    text.chars().any(is_unsafe_char)
}

fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A name written elsewhere (an importer's source), made to pass the name rules where it can: the
/// characters sign-up refuses dropped (a tab or line break becomes a space), cut to `max`
/// characters, trimmed. Empty when nothing is left; the caller still runs the rules on it.
pub fn clean_name(name: &str, max: usize) -> String {
    let kept: String =
        name.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).filter(|c| !is_unsafe_char(*c)).collect();
    let cut: String = kept.trim().chars().take(max).collect();
    cut.trim_end().to_string()
}

pub fn check_password(errors: &mut FieldErrors, field: &str, password: &str, email: &str) {
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        errors.add(field, Msg::with("field.password.too_short", "min", PASSWORD_MIN));
    } else if length > PASSWORD_MAX {
        errors.add(field, Msg::with("field.password.too_long", "max", PASSWORD_MAX));
    } else if common_passwords::is_common(password) {
        errors.add(field, Msg::new("field.password.common"));
    } else if !email.is_empty() && password.trim().eq_ignore_ascii_case(email.trim()) {
        errors.add(field, Msg::new("field.password.is_email"));
    }
}

/// The zone a new account starts in when its browser did not say (no JavaScript): where the
/// language's members mostly live. The profile changes it.
pub fn usual_zone(language: &str) -> &'static str {
    match language {
        "de" => "Europe/Berlin",
        "fr" => "Europe/Paris",
        "es" => "Europe/Madrid",
        _ => "Europe/London",
    }
}

/// `given` when it names a zone, else the language's usual one.
pub fn starting_zone(given: &str, language: &str) -> String {
    let mut errors = FieldErrors::default();
    check_time_zone(&mut errors, "time_zone", given.trim());
    if errors.is_empty() { given.trim().to_string() } else { usual_zone(language).to_string() }
}

pub fn check_time_zone(errors: &mut FieldErrors, field: &str, tz: &str) {
    #[cfg(feature = "ssr")]
    if tz.parse::<chrono_tz::Tz>().is_err() {
        errors.add(field, Msg::new("field.time_zone.invalid"));
    }
    #[cfg(not(feature = "ssr"))]
    if tz.trim().is_empty() {
        errors.add(field, Msg::new("field.time_zone.invalid"));
    }
}

pub fn check_language(errors: &mut FieldErrors, field: &str, code: &str) {
    if crate::i18n::Lang::from_code(code).is_none_or(|l| l.code() != code) {
        errors.add(field, Msg::new("field.language.invalid"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errs(f: impl Fn(&mut FieldErrors)) -> Option<String> {
        let mut e = FieldErrors::default();
        f(&mut e);
        e.get("f").map(|m| m.key.clone())
    }

    #[test]
    fn email_rules() {
        assert_eq!(errs(|e| check_email(e, "f", "")), Some("field.email.required".into()));
        assert_eq!(errs(|e| check_email(e, "f", "ann")), Some("field.email.invalid".into()));
        assert_eq!(errs(|e| check_email(e, "f", "ann@@x.org")), Some("field.email.invalid".into()));
        assert_eq!(errs(|e| check_email(e, "f", "ann @x.org")), Some("field.email.invalid".into()));
        assert_eq!(errs(|e| check_email(e, "f", "ann@localhost")), Some("field.email.invalid".into()));
        assert_eq!(errs(|e| check_email(e, "f", " Ann@Example.coop ")), None);
        assert_eq!(normalize_email(" Ann@Example.COOP "), "ann@example.coop");
    }

    #[test]
    fn password_rules_each_have_their_message() {
        assert_eq!(errs(|e| check_password(e, "f", "short", "")), Some("field.password.too_short".into()));
        let long = "x".repeat(PASSWORD_MAX + 1);
        assert_eq!(errs(|e| check_password(e, "f", &long, "")), Some("field.password.too_long".into()));
        assert_eq!(errs(|e| check_password(e, "f", "Password123", "")), Some("field.password.common".into()));
        assert_eq!(
            errs(|e| check_password(e, "f", "ann@example.coop", "Ann@example.coop")),
            Some("field.password.is_email".into())
        );
        assert_eq!(errs(|e| check_password(e, "f", "correct horse battery", "")), None);
    }

    #[test]
    fn name_rules() {
        assert_eq!(errs(|e| check_name(e, "f", "  ")), Some("field.name.required".into()));
        assert_eq!(errs(|e| check_name(e, "f", &"n".repeat(101))), Some("field.name.too_long".into()));
        assert_eq!(errs(|e| check_name(e, "f", "Ann Lee")), None);
        assert_eq!(errs(|e| check_name(e, "f", "Ann\u{202E}eeL")), Some("field.name.unsafe_chars".into()));
        assert_eq!(errs(|e| check_name(e, "f", "Ann\u{7}Lee")), Some("field.name.unsafe_chars".into()));
        assert_eq!(errs(|e| check_name(e, "f", "Zoë Ñúñez 李")), None);
    }

    #[test]
    fn cleaned_names_pass_the_name_rules() {
        assert_eq!(clean_name("  Ann\u{202E}eeL\u{2066} ", NAME_MAX), "AnneeL");
        assert_eq!(clean_name("Ann\tLee\u{7}", NAME_MAX), "Ann Lee");
        assert_eq!(clean_name("Zoë Ñúñez 李", NAME_MAX), "Zoë Ñúñez 李");
        assert_eq!(clean_name("\u{202E}\u{200F}", NAME_MAX), "");
        let long = clean_name(&"ñ".repeat(300), NAME_MAX);
        assert_eq!(long.chars().count(), NAME_MAX);
        for name in ["  Ann\u{202E}eeL ", "Ann\nLee", &long] {
            assert_eq!(errs(|e| check_name(e, "f", &clean_name(name, NAME_MAX))), None, "{name:?}");
        }
    }

    #[test]
    fn language_must_be_one_we_offer() {
        assert_eq!(errs(|e| check_language(e, "f", "fr")), None);
        assert_eq!(errs(|e| check_language(e, "f", "xx")), Some("field.language.invalid".into()));
    }
}
