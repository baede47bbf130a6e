//! Single sign-on on the server: providers, the sign-in flow, and the identities it links.
pub mod client;
pub mod flow;
pub mod identities;
pub mod providers;

pub use client::Sso;
