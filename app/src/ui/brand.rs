//! The co-op's face as every page wears it: its name (in the header, the tab's title, the home
//! page), its logo, its accent colour and its legal links. The site feature reads them (`site::service::identity`)
//! and the server's pipeline puts them in each request, so a page part reads them without waiting
//! and without knowing the feature: this module imports none.
use std::sync::Arc;

/// What the portal calls itself until the co-op names it.
pub const DEFAULT_NAME: &str = "Quorum";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brand {
    pub name: String,
    /// `#rrggbb`, checked for contrast when it was set; `None` keeps the stylesheet's own.
    pub accent: Option<String>,
    /// The logo's address (`/site/logo?v=3`, the version making a new one fetched at once).
    pub logo: Option<String>,
    /// The admins' welcome on the home page, in place of the standard lead.
    pub welcome: Option<String>,
    /// The footer's legal and help links: their kind (`terms`) and address.
    pub links: Vec<(String, String)>,
    /// The version of the terms a new member accepts, and their address, when the co-op asks.
    pub terms: Option<(i64, String)>,
}

impl Default for Brand {
    fn default() -> Self {
        Brand {
            name: DEFAULT_NAME.to_string(),
            accent: None,
            logo: None,
            welcome: None,
            links: Vec::new(),
            terms: None,
        }
    }
}

/// The brand of this request (the default outside one, or in the browser, where only islands run).
pub fn brand() -> Arc<Brand> {
    #[cfg(feature = "ssr")]
    if let Some(Some(brand)) = crate::edge::with_parts(|p| p.extensions.get::<Arc<Brand>>().cloned()) {
        return brand;
    }
    Arc::new(Brand::default())
}

/// The co-op's name, as titles and texts take it.
pub fn site_name() -> String {
    brand().name.clone()
}

/// The accent as a rule for the page's root, when the co-op set one. The colour was parsed as
/// `#rrggbb` when saved, so nothing else can be written into the style.
pub fn accent_rule(brand: &Brand) -> Option<String> {
    let accent = brand.accent.as_deref()?;
    let valid = accent.len() == 7 && accent.starts_with('#') && accent[1..].chars().all(|c| c.is_ascii_hexdigit());
    valid.then(|| format!(":root{{--accent:{accent}}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_parsed_colour_reaches_the_style() {
        let mut brand = Brand { accent: Some("#1a5276".into()), ..Brand::default() };
        assert_eq!(accent_rule(&brand).as_deref(), Some(":root{--accent:#1a5276}"));
        brand.accent = Some("red}body{display:none".into());
        assert_eq!(accent_rule(&brand), None);
        assert_eq!(accent_rule(&Brand::default()), None);
    }
}
