//! Single sign-on as the pages see it: the providers' buttons, the admin's form and its rules. A
//! provider's client secret never appears here: it is write-only, like a region's.
#[cfg(feature = "ssr")]
use crate::error::{FieldErrors, Msg};
use serde::{Deserialize, Serialize};

/// A provider as the login page offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub slug: String,
    pub label: String,
}

/// What the login page offers: the providers' buttons, and whether passwords still sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginOptions {
    pub providers: Vec<Button>,
    pub passwords: bool,
}

impl Default for LoginOptions {
    fn default() -> Self {
        LoginOptions { providers: Vec::new(), passwords: true }
    }
}

/// A provider on the admin page, without its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderView {
    pub slug: String,
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub scopes: String,
    /// Declared in the configuration file, which wins: not editable on the page.
    pub from_config: bool,
    /// Members who signed in through it at least once.
    pub members: i64,
}

/// The admin page: providers, and whether passwords sign in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SsoAdmin {
    pub providers: Vec<ProviderView>,
    pub passwords: bool,
    /// The configuration file decides about passwords, so the page cannot.
    pub passwords_from_config: bool,
    /// Where each provider sends members back: registered with the provider as the redirect URI.
    pub redirect_base: String,
}

/// What an admin submits. An empty secret keeps the one saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderInput {
    pub slug: String,
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: String,
    #[serde(default)]
    pub scopes: String,
}

/// The scopes asked for when an admin names none: who the member is and their verified email.
pub const DEFAULT_SCOPES: &str = "openid email profile";

/// A provider's slug names it in addresses (`/auth/oidc/<slug>/callback`).
pub fn valid_slug(slug: &str) -> bool {
    (2..=32).contains(&slug.len())
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
}

/// Whether `issuer` may be a provider's issuer: `https://`, or plain `http://` only when the host
/// is a loopback address or `localhost` itself (a local provider in tests). The address is parsed,
/// not matched by its beginning: `http://127.0.0.1.evil.example` and `http://127.0.0.1@evil.example`
/// name other hosts. A user name or password in the address is refused too.
#[cfg(feature = "ssr")]
pub fn issuer_allowed(issuer: &str) -> bool {
    if issuer.contains(['?', '#', ' ']) {
        return false;
    }
    let Ok(url) = url::Url::parse(issuer) else { return false };
    if !url.username().is_empty() || url.password().is_some() {
        return false;
    }
    match (url.scheme(), url.host()) {
        ("https", Some(_)) => true,
        ("http", Some(url::Host::Domain(name))) => name == "localhost",
        ("http", Some(url::Host::Ipv4(ip))) => ip.is_loopback(),
        ("http", Some(url::Host::Ipv6(ip))) => ip.is_loopback(),
        _ => false,
    }
}

#[cfg(feature = "ssr")]
impl ProviderInput {
    /// The form's rules (the server runs them); `secret_saved` says whether an empty secret may
    /// keep the stored one.
    pub fn check(&self, secret_saved: bool) -> FieldErrors {
        let mut errors = FieldErrors::default();
        if !valid_slug(self.slug.trim()) {
            errors.add("slug", Msg::new("sso.field.slug"));
        }
        if self.label.trim().is_empty() || self.label.chars().count() > 60 {
            errors.add("label", Msg::new("sso.field.label"));
        }
        if !issuer_allowed(self.issuer.trim()) {
            errors.add("issuer", Msg::new("sso.field.issuer"));
        }
        if self.client_id.trim().is_empty() {
            errors.add("client_id", Msg::new("sso.field.client_id"));
        }
        if self.client_secret.is_empty() && !secret_saved {
            errors.add("client_secret", Msg::new("sso.field.client_secret"));
        }
        if !self.scope_list().iter().any(|s| s == "openid") {
            errors.add("scopes", Msg::new("sso.field.scopes"));
        }
        errors
    }
}

impl ProviderInput {
    /// The scopes, split on spaces or commas; the default when none are given.
    pub fn scope_list(&self) -> Vec<String> {
        let given = if self.scopes.trim().is_empty() { DEFAULT_SCOPES } else { self.scopes.as_str() };
        given.split([' ', ',']).filter(|s| !s.is_empty()).map(str::to_string).collect()
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn input() -> ProviderInput {
        ProviderInput {
            slug: "coop".into(),
            label: "Co-op account".into(),
            issuer: "https://id.example.coop/realms/coop".into(),
            client_id: "quorum".into(),
            client_secret: "s".into(),
            scopes: String::new(),
        }
    }

    #[test]
    fn a_provider_needs_https_an_openid_scope_and_a_secret() {
        assert!(input().check(false).is_empty());
        assert_eq!(input().scope_list(), ["openid", "email", "profile"]);
        let plain = ProviderInput { issuer: "http://id.example.coop".into(), ..input() };
        assert!(plain.check(false).get("issuer").is_some(), "only loopback may be plain http");
        let local = ProviderInput { issuer: "http://127.0.0.1:9000".into(), ..input() };
        assert!(local.check(false).is_empty());
        let no_openid = ProviderInput { scopes: "email,profile".into(), ..input() };
        assert!(no_openid.check(false).get("scopes").is_some());
        let no_secret = ProviderInput { client_secret: String::new(), ..input() };
        assert!(no_secret.check(false).get("client_secret").is_some());
        assert!(no_secret.check(true).is_empty(), "an empty secret keeps the saved one");
        let bad_slug = ProviderInput { slug: "Co op".into(), ..input() };
        assert!(bad_slug.check(false).get("slug").is_some());
    }

    /// Plain http only for a loopback host, read from the parsed address, not from its beginning.
    #[test]
    fn plain_http_issuers_are_allowed_only_on_a_loopback_host() {
        for allowed in [
            "http://127.0.0.2",
            "http://127.0.0.1:9000/realms/x",
            "http://localhost:8080",
            "http://[::1]",
            "http://[::1]:9000",
            "https://id.example.coop/realms/coop",
        ] {
            assert!(issuer_allowed(allowed), "{allowed} is allowed");
        }
        for refused in [
            "http://127.0.0.1.evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1@evil.example",
            "http://localhost:1@evil.example",
            "http://id.example.coop",
            "https://user:pw@id.example.coop",
            "ftp://127.0.0.1",
            "https://id.example.coop/?x=1",
            "not a url",
        ] {
            assert!(!issuer_allowed(refused), "{refused} is refused");
        }
    }
}
