//! What a member typed into a form the server refused, when the form was posted without JavaScript.
//! The browser is sent back to the page with the error in its address; the values travel beside it in
//! a short-lived HttpOnly cookie (never in the address, where logs would keep them), so the page comes
//! back filled in. Passwords and access codes are never kept.
use serde::{Deserialize, Serialize};

pub const COOKIE: &str = "quorum_form";
/// Long enough to follow the redirect; the values only apply while the page shows that form's error.
pub const COOKIE_SECONDS: u32 = 120;
/// Browsers drop cookies over about 4 KB; a longer form is not kept rather than kept in part.
const MAX_ENCODED: usize = 3_800;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Typed {
    /// The server function the form posted to, as in the `__path` the error comes back with.
    pub path: String,
    pub fields: Vec<(String, String)>,
    /// The refusal, as Leptos encoded it for the address (`__err`): it travels here instead, so
    /// addresses stay readable and nothing of it is kept in logs or history.
    #[serde(default)]
    pub error: Option<String>,
    /// The page the browser was sent back to: the refusal is shown there only.
    #[serde(default)]
    pub page: String,
}

/// Fields whose values must not outlive the request: credentials, a provider's client secret, every
/// code (a room's access, viewer and moderator codes, a guest's code), tokens, and the legacy
/// database's address (it carries its password). Matched by the name's shape, so a new form's
/// `…_secret` or `…_code` field is left out without anyone remembering to list it.
pub fn is_secret(name: &str) -> bool {
    name.contains("password")
        || name.contains("secret")
        || name.contains("token")
        || name == "code"
        || name.ends_with("_code")
        || name == "legacy_url"
}

impl Typed {
    pub fn new(path: &str, fields: impl IntoIterator<Item = (String, String)>) -> Typed {
        let fields = fields.into_iter().filter(|(name, _)| !is_secret(name) && !name.starts_with("__")).collect();
        Typed { path: path.to_string(), fields, error: None, page: String::new() }
    }

    /// The cookie's value; a form too long to keep whole keeps its refusal alone.
    pub fn encode(&self) -> Option<String> {
        use base64::Engine;
        let text = |typed: &Typed| {
            let json = serde_json::to_vec(typed).ok()?;
            let text = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
            (text.len() <= MAX_ENCODED).then_some(text)
        };
        text(self).or_else(|| text(&Typed { fields: Vec::new(), ..self.clone() }))
    }

    pub fn decode(text: &str) -> Option<Typed> {
        use base64::Engine;
        let json = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text).ok()?;
        serde_json::from_slice(&json).ok()
    }

    /// The last value given for `name` (a checkbox that was ticked gives "on").
    pub fn value(&self, name: &str) -> Option<String> {
        self.fields.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    }
}

/// A form's starting values: what was typed, when the page shows that form's refusal, else what is stored.
pub struct Kept(Option<Typed>);

impl Kept {
    /// For the form posting to the server function at `path` (its `ServerFn::PATH`).
    pub fn for_form(path: &str) -> Kept {
        Kept(typed().filter(|t| t.path == path))
    }

    pub fn text(&self, name: &str, stored: impl Into<String>) -> String {
        self.0.as_ref().and_then(|t| t.value(name)).unwrap_or_else(|| stored.into())
    }

    /// A checkbox is sent only when ticked.
    pub fn checked(&self, name: &str, stored: bool) -> bool {
        self.0.as_ref().map_or(stored, |t| t.value(name).is_some())
    }
}

/// The values of the refused form whose error this page shows, if the page comes from such a refusal.
#[cfg(feature = "ssr")]
pub fn typed() -> Option<Typed> {
    crate::edge::with_parts(typed_of).flatten()
}

#[cfg(feature = "ssr")]
fn typed_of(parts: &axum::http::request::Parts) -> Option<Typed> {
    let cookies = parts.headers.get_all(axum::http::header::COOKIE);
    let typed = cookies
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .find_map(Typed::decode)?;
    // A refusal carried in the cookie belongs to the page it sent the browser back to; one still
    // in the address (an upload's) names its server function there.
    let error_path = parts.uri.query().and_then(|query| {
        url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "__path").map(|(_, v)| v.into_owned())
    });
    let belongs = match error_path {
        Some(path) => typed.path == path,
        None => typed.error.is_some() && typed.page == parts.uri.path(),
    };
    belongs.then_some(typed)
}

/// The refusal this page shows, as Leptos encodes it: from the cookie, else from the address.
pub fn carried() -> Option<(String, String)> {
    if let Some(Typed { path, error: Some(error), .. }) = typed() {
        return Some((path, error));
    }
    let query = crate::ui::address::query;
    Some((query("__path")?, query("__err")?))
}

/// In the browser the page was already filled in by the server; nothing to add.
#[cfg(not(feature = "ssr"))]
pub fn typed() -> Option<Typed> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_dropped_and_the_rest_round_trips() {
        let fields = [
            ("name", "Ann"),
            ("password", "hunter2hunter2"),
            ("current_password", "x"),
            ("access_code", "123"),
            ("viewer_code", "v"),
            ("moderator_code", "m"),
            ("code", "c"),
            ("client_secret", "s"),
            ("secret", "s"),
            ("token", "t"),
            ("legacy_url", "postgres://u:p@h/db"),
        ];
        let typed = Typed::new("/api/x", fields.iter().map(|(n, v)| (n.to_string(), v.to_string())));
        assert_eq!(typed.fields, vec![("name".to_string(), "Ann".to_string())]);
        let back = Typed::decode(&typed.encode().unwrap()).unwrap();
        assert_eq!(back, typed);
        assert_eq!(back.value("name").as_deref(), Some("Ann"));
        assert_eq!(back.value("password"), None);
    }

    #[test]
    fn an_oversized_form_keeps_its_refusal_alone() {
        let typed = Typed::new("/api/x", [("welcome".to_string(), "x".repeat(5_000))]);
        let kept = Typed::decode(&typed.encode().unwrap()).unwrap();
        assert!(kept.fields.is_empty(), "the values are not kept in part");
        let refused = Typed { error: Some("e".repeat(100)), page: "/r/x".into(), ..typed };
        let kept = Typed::decode(&refused.encode().unwrap()).unwrap();
        assert_eq!((kept.error, kept.page.as_str()), (refused.error, "/r/x"), "the refusal still shows");
    }
}
