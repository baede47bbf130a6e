//! The banners every page shows, the admins' page of announcements, and the co-op's identity.
mod admin;
mod banner;
mod identity;

pub use admin::AdminAnnouncementsPage;
pub use banner::Banners;
pub use identity::AdminSitePage;
