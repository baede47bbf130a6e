//! The translation layer: every member-facing string is a key looked up in the member's language,
//! falling back to English for a key a table lacks (a test keeps French, German and Spanish complete,
//! so that only happens mid-change). The language is chosen on the server from the member's profile
//! (carried in the `quorum_lang` cookie) or the browser's `Accept-Language`, and written into
//! `<html lang>`, where the browser side reads it back when it hydrates.
use crate::error::Msg;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::OnceLock;

mod de;
mod en;
mod es;
mod fr;
mod texts;

pub use texts::Texts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
    De,
    Es,
}

pub const LANG_COOKIE: &str = "quorum_lang";

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::De, Lang::Es];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
        }
    }

    /// The language's own name, shown in the language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
            Lang::Es => "Español",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The first supported language of an `Accept-Language` header, by its q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut ranked: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let lang = Lang::from_code(pieces.next()?)?;
                let q =
                    pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
                Some((q, lang))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, l)| *l)
    }

    fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => en::TABLE,
            Lang::Fr => fr::TABLE,
            Lang::De => de::TABLE,
            Lang::Es => es::TABLE,
        }
    }

    /// The text for `key`; English when this language lacks it, the key itself when English does.
    pub fn t(self, key: &str) -> &'static str {
        index(self).get(key).or_else(|| index(Lang::En).get(key)).copied().unwrap_or(MISSING)
    }

    /// Whether English (and so every language) has `key`.
    pub fn knows(key: &str) -> bool {
        index(Lang::En).contains_key(key)
    }

    pub fn msg(self, msg: &Msg) -> String {
        let text = self.t(&msg.key);
        match &msg.arg {
            Some(arg) => text.replace("{}", arg),
            None => text.to_string(),
        }
    }
}

/// Each language's table as a map, built on first use: a page looks up dozens of keys.
fn index(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static INDEXES: [OnceLock<HashMap<&'static str, &'static str>>; 4] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    INDEXES[lang as usize].get_or_init(|| lang.table().iter().copied().collect())
}

/// Shown for a key no table has; the test `every_key_used_in_the_code_is_translated` keeps it from shipping.
const MISSING: &str = "(missing text)";

/// The language picked for a request on the server.
#[cfg(feature = "ssr")]
pub fn lang_of_request(parts: &axum::http::request::Parts) -> Lang {
    lang_of_headers(&parts.headers)
}

/// The language picked from a request's headers: the language cookie, else `Accept-Language`.
#[cfg(feature = "ssr")]
pub fn lang_of_headers(headers: &axum::http::HeaderMap) -> Lang {
    use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
    let from_cookie = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(LANG_COOKIE)?.strip_prefix('=').and_then(Lang::from_code));
    from_cookie
        .or_else(|| headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::from_accept_language))
        .unwrap_or_default()
}

/// Puts the page's language in context: from the request on the server, from `<html lang>` in the browser.
pub fn provide_lang() -> Lang {
    #[cfg(feature = "ssr")]
    let lang = use_context::<axum::http::request::Parts>().map(|p| lang_of_request(&p)).unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let lang = document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| Lang::from_code(&l))
        .unwrap_or_default();
    provide_context(lang);
    lang
}

pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Shorthand for components: `t("login.title")`.
/// `template` with each `{}` replaced by the next of `args`, in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut pieces = template.split("{}");
    let mut out = pieces.next().unwrap_or_default().to_string();
    for (i, piece) in pieces.enumerate() {
        out.push_str(args.get(i).copied().unwrap_or_default());
        out.push_str(piece);
    }
    out
}

pub fn t(key: &str) -> &'static str {
    use_lang().t(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_translation_key_exists_in_english() {
        for lang in [Lang::Fr, Lang::De, Lang::Es] {
            for (key, _) in lang.table() {
                assert!(index(Lang::En).contains_key(key), "{key} ({lang:?}) is not in English");
            }
        }
    }

    /// Scans the sources for `t("…")`, `Msg::new("…")`, `Msg::with("…"` and `field(…, "…")` keys.
    #[test]
    fn every_key_used_in_the_code_is_translated() {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        let mut sources = Vec::new();
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut sources);
        let mut checked = 0;
        for source in &sources {
            for marker in ["t(\"", "Msg::new(\"", "Msg::with(\"", "key: \""] {
                for piece in source.split(marker).skip(1) {
                    let key = piece.split('"').next().unwrap();
                    if key.contains('.') && !key.contains(' ') {
                        assert!(index(Lang::En).contains_key(key), "key {key} has no English text");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 50, "only {checked} keys found: the scan is broken");
    }

    /// Every language is complete: each English key, with the same `{}` arguments, and no key twice.
    #[test]
    fn every_language_is_complete_and_keeps_the_arguments() {
        for lang in [Lang::Fr, Lang::De, Lang::Es] {
            let table = index(lang);
            assert_eq!(table.len(), lang.table().len(), "a {lang:?} key appears twice");
            for (key, english) in en::TABLE {
                let text = table.get(key).unwrap_or_else(|| panic!("{key} has no {lang:?} text"));
                assert_eq!(text.matches("{}").count(), english.matches("{}").count(), "{key} ({lang:?}): arguments");
            }
        }
    }

    #[test]
    fn arguments_fill_their_places_in_order() {
        assert_eq!(fill("{} of {} seats", &["5", "80"]), "5 of 80 seats");
        assert_eq!(fill("{} and {}", &["a"]), "a and ");
        assert_eq!(fill("none", &["a"]), "none");
    }

    #[test]
    fn english_keys_are_unique() {
        let mut keys: Vec<_> = en::TABLE.iter().map(|(k, _)| *k).collect();
        keys.sort();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len());
    }

    #[test]
    fn accept_language_honours_quality_and_falls_back() {
        assert_eq!(Lang::from_accept_language("de-CH, fr;q=0.9"), Some(Lang::De));
        assert_eq!(Lang::from_accept_language("it, fr;q=0.5, es;q=0.8"), Some(Lang::Es));
        assert_eq!(Lang::from_accept_language("it, ja"), None);
    }

    #[test]
    fn looks_up_and_substitutes_arguments() {
        assert_eq!(Lang::Fr.t("nav.login"), "Connexion");
        let unknown = "no.such.key";
        assert_eq!(Lang::De.t(unknown), MISSING);
        assert_eq!(Lang::Fr.msg(&Msg::with("error.rate_limited", 3)), "Trop de tentatives. Réessayez dans 3 minutes.");
        assert_eq!(
            Lang::En.msg(&Msg::with("error.rate_limited", 3)),
            "Too many attempts. Please try again in 3 minutes."
        );
    }
}
