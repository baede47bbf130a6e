//! The banners every page shows, and the admins' page of announcements.
mod admin;
mod banner;

pub use admin::AdminAnnouncementsPage;
pub use banner::Banners;
