//! Announcements as both sides see them: the admins' form, a banner on a page, a line in the list;
//! and the co-op's identity (`identity`).
pub mod identity;
pub mod links;

use crate::error::{FieldErrors, Msg};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// How an announcement looks: a piece of news, or a warning (a planned outage, say).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Info,
    Warning,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Info => "info",
            Kind::Warning => "warning",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        [Kind::Info, Kind::Warning].into_iter().find(|k| k.as_str() == text.trim())
    }
}

/// The longest text of one language: a banner is a sentence or two, not a page.
pub const TEXT_MAX: usize = 500;

/// The admins' form: the kind, when it runs (`YYYY-MM-DDTHH:MM` in the admin's zone), and the text
/// in each language the co-op writes it in (at least one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub starts: String,
    #[serde(default)]
    pub ends: String,
    #[serde(default)]
    pub text_en: String,
    #[serde(default)]
    pub text_de: String,
    #[serde(default)]
    pub text_fr: String,
    #[serde(default)]
    pub text_es: String,
}

impl AnnouncementForm {
    /// The texts given, by language, trimmed.
    pub fn texts(&self) -> Vec<(Lang, String)> {
        let given = [
            (Lang::En, &self.text_en),
            (Lang::De, &self.text_de),
            (Lang::Fr, &self.text_fr),
            (Lang::Es, &self.text_es),
        ];
        given.into_iter().filter(|(_, t)| !t.trim().is_empty()).map(|(l, t)| (l, t.trim().to_string())).collect()
    }

    /// What is wrong with the kind and the texts, next to each field (the times are read in the
    /// admin's zone by the service).
    pub fn check(&self, errors: &mut FieldErrors) -> Option<Kind> {
        let kind = Kind::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", Msg::new("field.kind.invalid"));
        }
        if self.texts().is_empty() {
            errors.add("text_en", Msg::new("field.announcement.text_required"));
        }
        for (lang, text) in self.texts() {
            if text.chars().count() > TEXT_MAX {
                errors.add(&format!("text_{}", lang.code()), Msg::with("field.text.too_long", "max", TEXT_MAX as i64));
            }
        }
        kind
    }
}

/// An announcement running now, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Banner {
    pub kind: Kind,
    pub text: String,
}

/// One announcement in the admins' list, its times in the admin's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementLine {
    pub id: i64,
    pub kind: Kind,
    pub starts: String,
    pub ends: String,
    /// Running now, to come, or over.
    pub state: String,
    /// Each language's text, by its code.
    pub texts: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_needs_a_kind_and_a_text_in_some_language() {
        let mut errors = FieldErrors::default();
        let form = AnnouncementForm { kind: "loud".into(), text_fr: "x".repeat(TEXT_MAX + 1), ..Default::default() };
        assert_eq!(form.check(&mut errors), None);
        assert!(errors.get("kind").is_some() && errors.get("text_fr").is_some() && errors.get("text_en").is_none());
        let mut errors = FieldErrors::default();
        assert_eq!(AnnouncementForm { kind: "info".into(), ..Default::default() }.check(&mut errors), Some(Kind::Info));
        assert!(errors.get("text_en").is_some());
    }
}
