//! Named guest links ("Speaker: Dr. Ada"): the form that makes one, and how the list shows them.
use crate::error::{AppError, FieldErrors, Msg};
use serde::{Deserialize, Serialize};

pub const LINK_NAME_MAX: usize = 100;
pub const LINK_DAYS_MAX: i64 = 365;

/// A guest link as its room's managers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestLinkView {
    pub id: i64,
    pub name: String,
    pub moderator: bool,
    /// The whole address to send.
    pub link: String,
    /// When it stops working, in the reader's zone.
    pub expires: String,
    pub uses: i64,
    pub max_uses: Option<i64>,
    /// Revoked, expired or used up: listed, but it lets nobody in.
    pub spent: bool,
    /// Its last use, in the reader's zone.
    pub last_used: Option<String>,
}

/// Whom a guest link lets in, as the room's page says it before they join.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestPass {
    pub name: String,
    pub moderator: bool,
}

/// The form a co-owner fills in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestLinkForm {
    #[serde(default)]
    pub name: String,
    /// `moderator`, or anything else for a participant.
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub valid_days: String,
    /// Empty: no limit.
    #[serde(default)]
    pub max_uses: String,
}

/// What the form asks for, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGuestLink {
    pub name: String,
    pub moderator: bool,
    pub valid_days: i64,
    pub max_uses: Option<i64>,
}

impl GuestLinkForm {
    pub fn checked(&self) -> Result<NewGuestLink, AppError> {
        let mut errors = FieldErrors::default();
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", Msg::new("field.guest_link_name.required"));
        } else if name.chars().count() > LINK_NAME_MAX {
            errors.add("name", Msg::with("field.name.too_long", "max", LINK_NAME_MAX));
        } else if crate::accounts::model::has_unsafe_chars(name) {
            errors.add("name", Msg::new("field.name.unsafe_chars"));
        }
        let days = self.valid_days.trim().parse::<i64>().ok().filter(|d| (1..=LINK_DAYS_MAX).contains(d));
        if days.is_none() {
            errors.add("valid_days", Msg::with("field.valid_days.invalid", "max", LINK_DAYS_MAX));
        }
        let max_uses = match self.max_uses.trim() {
            "" => Ok(None),
            n => n.parse::<i64>().ok().filter(|n| *n >= 1).map(Some).ok_or(()),
        };
        if max_uses.is_err() {
            errors.add("max_uses", Msg::new("field.max_uses.invalid"));
        }
        if !matches!(self.role.as_str(), "participant" | "moderator") {
            errors.add("role", Msg::new("field.choice.invalid"));
        }
        errors.into_result()?;
        Ok(NewGuestLink {
            name: name.to_string(),
            moderator: self.role == "moderator",
            valid_days: days.unwrap_or(1),
            max_uses: max_uses.unwrap_or(None),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, role: &str, days: &str, uses: &str) -> GuestLinkForm {
        GuestLinkForm { name: name.into(), role: role.into(), valid_days: days.into(), max_uses: uses.into() }
    }

    #[test]
    fn each_wrong_field_is_named_at_once() {
        let ok = form(" Speaker: Dr. Ada ", "moderator", "7", "");
        let link = ok.checked().unwrap();
        assert_eq!(
            (link.name.as_str(), link.moderator, link.valid_days, link.max_uses),
            ("Speaker: Dr. Ada", true, 7, None)
        );
        assert_eq!(form("Ada", "participant", "1", "3").checked().unwrap().max_uses, Some(3));
        let error = form("", "owner", "366", "0").checked().unwrap_err();
        let fields = error.field_errors().unwrap();
        for (field, key) in [
            ("name", "field.guest_link_name.required"),
            ("role", "field.choice.invalid"),
            ("valid_days", "field.valid_days.invalid"),
            ("max_uses", "field.max_uses.invalid"),
        ] {
            assert_eq!(fields.get(field).map(|m| m.key.as_str()), Some(key), "{field}");
        }
    }
}
