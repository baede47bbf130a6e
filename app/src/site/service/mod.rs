//! The site's service: announcements and the co-op's identity.
pub mod announcements;
pub mod identity;
