//! The co-op's identity as its admins set it: a name, an accent colour, a welcome on the home page,
//! and a logo. The colour is refused when text would be hard to read with it (WCAG's 4.5:1).
use crate::error::{FieldErrors, Msg};
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 60;
pub const WELCOME_MAX: usize = 600;
/// A logo is a small picture in the header and in mail, not a photograph.
pub const LOGO_MOST_BYTES: usize = 256 * 1024;
pub const LOGO_MOST_PIXELS: usize = 2000;
/// The least contrast of normal text with its background (WCAG 2.2, 1.4.3, level AA).
pub const CONTRAST_LEAST: f64 = 4.5;
/// The page's background (slate-50), on which links take the accent; white text sits on it in the
/// header and on buttons.
const PAGE: Rgb = Rgb(0xf8, 0xfa, 0xfc);
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

/// The admins' form: every field as typed; an empty accent keeps the standard colour.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub accent: String,
    #[serde(default)]
    pub welcome: String,
}

/// The identity as kept and shown on the admins' page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub name: String,
    pub accent: Option<String>,
    pub welcome: Option<String>,
    /// The logo's version, bumped by each upload (its address carries it); `None` without one.
    pub logo: Option<i64>,
}

/// A colour as red, green and blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb` (or `rrggbb`), in either case.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().trim_start_matches('#');
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let part = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(part(0)?, part(2)?, part(4)?))
    }

    pub fn written(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance, WCAG's formula.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// The contrast ratio of two colours, from 1 (the same) to 21 (black on white).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// The worse of the accent's two uses: as link text on the page, and under white text.
pub fn accent_contrast(accent: Rgb) -> f64 {
    accent.contrast(PAGE).min(accent.contrast(WHITE))
}

/// A ratio as people read it: `3.2:1`, rounded down so a refusal never shows 4.5.
pub fn ratio_text(ratio: f64) -> String {
    format!("{:.1}:1", (ratio * 10.0).floor() / 10.0)
}

impl IdentityForm {
    /// The identity to keep, or what is wrong next to each field.
    pub fn check(&self, errors: &mut FieldErrors) -> Option<(String, Option<String>, Option<String>)> {
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", Msg::new("field.site_name.required"));
        } else if name.chars().count() > NAME_MAX {
            errors.add("name", Msg::with("field.text.too_long", "max", NAME_MAX as i64));
        } else if crate::accounts::model::has_unsafe_chars(name) {
            errors.add("name", Msg::new("field.name.unsafe_chars"));
        }
        let accent = match self.accent.trim() {
            "" => None,
            text => match Rgb::parse(text) {
                None => {
                    errors.add("accent", Msg::new("field.accent.invalid"));
                    None
                }
                Some(rgb) if accent_contrast(rgb) < CONTRAST_LEAST => {
                    errors.add("accent", Msg::with("field.accent.contrast", "ratio", ratio_text(accent_contrast(rgb))));
                    None
                }
                Some(rgb) => Some(rgb.written()),
            },
        };
        let welcome = self.welcome.trim();
        if welcome.chars().count() > WELCOME_MAX {
            errors.add("welcome", Msg::with("field.text.too_long", "max", WELCOME_MAX as i64));
        }
        let welcome = (!welcome.is_empty()).then(|| welcome.to_string());
        errors.is_empty().then(|| (name.to_string(), accent, welcome))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        let black = Rgb::parse("#000000").unwrap();
        assert!((black.contrast(WHITE) - 21.0).abs() < 0.01);
        assert!((WHITE.contrast(WHITE) - 1.0).abs() < 0.01);
        // WebAIM's checker gives #767676 on white 4.54:1, the lightest grey that passes.
        assert!((Rgb::parse("767676").unwrap().contrast(WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn a_pale_accent_is_refused_with_its_ratio() {
        let mut errors = FieldErrors::default();
        let form = IdentityForm { name: "Riverside Co-op".into(), accent: "#f1c40f".into(), ..Default::default() };
        assert_eq!(form.check(&mut errors), None);
        assert_eq!(errors.0[0].0, "accent");
        let mut errors = FieldErrors::default();
        let form = IdentityForm { name: " Riverside ".into(), accent: "#1A5276".into(), welcome: " Hi ".into() };
        let kept = form.check(&mut errors);
        assert_eq!(kept, Some(("Riverside".into(), Some("#1a5276".into()), Some("Hi".into()))));
        assert_eq!(ratio_text(4.4999), "4.4:1");
    }
}
