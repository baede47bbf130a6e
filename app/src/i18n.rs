//! The translation layer: every member-facing text is a Fluent message (`i18n/<lang>.ftl`: plurals
//! by each language's rules, named arguments) looked up in the reader's language. Code names a
//! message by a dotted key (`login.title`); in the `.ftl` files the dots are hyphens
//! (`login-title`), as Fluent's identifiers allow no dots. Numbers in messages are written as the
//! language writes them (`1.234` in German). The language is chosen on the server from the member's
//! profile (carried in the `quorum_lang` cookie) or the browser's `Accept-Language`, and written
//! into `<html lang>`, where the browser side reads it back when it hydrates. Tests keep every
//! language complete, with the same arguments as English.
use crate::error::{Arg, Msg};
use leptos::prelude::*;

mod bundle;
#[cfg(feature = "ssr")]
pub mod numbers;
#[cfg(test)]
mod tests;
mod texts;

pub use texts::Texts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
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

    /// The text of message `key`, which takes no arguments; English when this language lacks it.
    pub fn t(self, key: &str) -> &'static str {
        bundle::plain(self, key).or_else(|| bundle::plain(Lang::En, key)).unwrap_or_else(|| missing(key))
    }

    /// Every message of this language that takes no arguments, as (key, text): what a test of
    /// pages reads to tell one language's page from another's.
    pub fn plain_texts(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        bundle::plain_all(self)
    }

    /// Whether English (and so every language) has message `key`.
    pub fn knows(key: &str) -> bool {
        bundle::has(Lang::En, key)
    }

    /// Message `key` with its named arguments; English when this language lacks it.
    pub fn fmt(self, key: &str, args: &[(&str, Arg)]) -> String {
        let lang = if bundle::has(self, key) { self } else { Lang::En };
        bundle::format(lang, key, args).unwrap_or_else(|| missing(key).to_string())
    }

    pub fn msg(self, msg: &Msg) -> String {
        let args: Vec<(&str, Arg)> = msg.args.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
        self.fmt(&msg.key, &args)
    }
}

/// A key no language has: a bug in the code. Tests and debug builds stop at it, so it cannot ship
/// unnoticed; a release build shows a placeholder rather than fail the page.
fn missing(key: &str) -> &'static str {
    debug_assert!(false, "no message {key} in any language");
    MISSING
}

/// Shown for a key no language has; `every_key_used_in_the_code_is_translated` keeps it from shipping.
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

/// The language of the request being served (a server function's caller, a page's reader): the
/// page's, when a page is being rendered, else read from the request's headers (not copied).
#[cfg(feature = "ssr")]
pub fn request_lang() -> Lang {
    use_context::<Lang>().or_else(|| with_context::<axum::http::request::Parts, _>(lang_of_request)).unwrap_or_default()
}

/// Puts the page's language in context: from the request on the server, from `<html lang>` in the browser.
pub fn provide_lang() -> Lang {
    #[cfg(feature = "ssr")]
    let lang = with_context::<axum::http::request::Parts, _>(lang_of_request).unwrap_or_default();
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

/// Shorthand for components: `t("login.title")`, in the page's language.
pub fn t(key: &str) -> &'static str {
    use_lang().t(key)
}

/// A message with named arguments in the page's language:
/// `tf("dashboard.welcome", &[("name", me.name.clone().into())])`.
pub fn tf(key: &str, args: &[(&str, Arg)]) -> String {
    use_lang().fmt(key, args)
}
