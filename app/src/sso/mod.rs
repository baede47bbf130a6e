//! Single sign-on: members sign in through the co-op's OpenID Connect providers (Keycloak,
//! Authentik, Nextcloud…), beside or instead of passwords. See docs/sso.md.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
