//! The site's service: announcements.
pub mod announcements;
