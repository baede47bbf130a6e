//! Single sign-on on the server: providers, the sign-in flow, and the identities it links.
pub mod client;
pub mod confirm;
pub mod flow;
pub mod flow_cookie;
pub mod identities;
pub mod providers;

pub use client::Sso;
