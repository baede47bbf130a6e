//! A small BigBlueButton API client: checksummed URLs, calls with timeouts, XML answers read into
//! types, FAILED answers turned into typed errors. It knows nothing of rooms or members.
pub mod algorithm;
#[cfg(feature = "ssr")]
pub mod checksum;
#[cfg(feature = "ssr")]
pub mod client;
#[cfg(feature = "ssr")]
pub mod error;
#[cfg(feature = "ssr")]
pub mod jwt;
#[cfg(feature = "ssr")]
pub mod modules;
#[cfg(feature = "ssr")]
pub mod resolver;
#[cfg(feature = "ssr")]
pub mod xml;

pub use algorithm::Algorithm;
#[cfg(all(test, feature = "ssr"))]
mod xml_tests;
