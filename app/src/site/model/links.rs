//! The co-op's legal and help links: an imprint, terms, a privacy statement, an accessibility
//! statement and help. Each is an address elsewhere, or a short page its admins write here.
use crate::error::{FieldErrors, Msg};
use serde::{Deserialize, Serialize};

/// The links, in the footer's order.
pub const KINDS: [&str; 5] = ["imprint", "terms", "privacy", "accessibility", "help"];
pub const ADDRESS_MAX: usize = 500;
pub const BODY_MAX: usize = 20_000;

/// The admins' form: for each kind an address or a text (`terms_address`, `terms_body`, …), and
/// whether a new member accepts the terms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinksForm {
    #[serde(default)]
    pub imprint_address: String,
    #[serde(default)]
    pub imprint_body: String,
    #[serde(default)]
    pub terms_address: String,
    #[serde(default)]
    pub terms_body: String,
    #[serde(default)]
    pub privacy_address: String,
    #[serde(default)]
    pub privacy_body: String,
    #[serde(default)]
    pub accessibility_address: String,
    #[serde(default)]
    pub accessibility_body: String,
    #[serde(default)]
    pub help_address: String,
    #[serde(default)]
    pub help_body: String,
    /// A checkbox: "on" when ticked.
    #[serde(default)]
    pub ask_terms: Option<String>,
}

/// One link as kept: an address, or a page's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub kind: String,
    pub address: Option<String>,
    pub body: Option<String>,
    pub version: i64,
}

/// The admins' view: the links set, and whether the terms are asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinksView {
    pub links: Vec<Link>,
    pub ask_terms: bool,
}

/// A written page as a reader gets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalPage {
    pub kind: String,
    pub body: String,
}

/// An address a browser and a mail client open as a link to another site.
fn is_address(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && text.len() > "https://".len()
        && !text.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'))
}

impl LinksForm {
    /// The address and text typed for `kind`, trimmed.
    pub fn of(&self, kind: &str) -> (&str, &str) {
        let (address, body) = match kind {
            "imprint" => (&self.imprint_address, &self.imprint_body),
            "terms" => (&self.terms_address, &self.terms_body),
            "privacy" => (&self.privacy_address, &self.privacy_body),
            "accessibility" => (&self.accessibility_address, &self.accessibility_body),
            _ => (&self.help_address, &self.help_body),
        };
        (address.trim(), body.trim())
    }

    /// Each kind's address and text as kept (both empty: no such link), or what is wrong next to
    /// each field.
    pub fn check(&self, errors: &mut FieldErrors) -> Vec<(&'static str, Option<String>, Option<String>)> {
        let mut kept = Vec::new();
        for kind in KINDS {
            let (address, body) = self.of(kind);
            let field = |part: &str| format!("{kind}_{part}");
            if !address.is_empty() && !body.is_empty() {
                errors.add(&field("body"), Msg::new("field.link.both"));
            }
            if !address.is_empty() && (!is_address(address) || address.len() > ADDRESS_MAX) {
                errors.add(&field("address"), Msg::new("field.link.address"));
            }
            if body.chars().count() > BODY_MAX {
                errors.add(&field("body"), Msg::with("field.text.too_long", "max", BODY_MAX as i64));
            }
            let some = |t: &str| (!t.is_empty()).then(|| t.to_string());
            kept.push((kind, some(address), some(body)));
        }
        let (terms_address, terms_body) = self.of("terms");
        if self.ask_terms.is_some() && terms_address.is_empty() && terms_body.is_empty() {
            errors.add("ask_terms", Msg::new("field.terms.none"));
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_an_address_or_a_text_and_the_terms_must_exist_to_be_asked() {
        let form = LinksForm {
            imprint_address: "javascript:alert(1)".into(),
            help_address: "https://help.example.coop".into(),
            help_body: "Ask us".into(),
            ask_terms: Some("on".into()),
            privacy_body: " We keep little. ".into(),
            ..Default::default()
        };
        let mut errors = FieldErrors::default();
        let kept = form.check(&mut errors);
        let fields: Vec<&str> = errors.0.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["imprint_address", "help_body", "ask_terms"]);
        assert_eq!(kept[2], ("privacy", None, Some("We keep little.".into())));
        assert!(!is_address("https://a b") && is_address("https://example.coop/imprint"));
    }
}
