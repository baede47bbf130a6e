//! The banners every page shows, the admins' page of announcements, the co-op's identity and its
//! legal pages.
mod admin;
mod banner;
mod identity;
mod legal;
mod links;

pub use admin::AdminAnnouncementsPage;
pub use banner::Banners;
pub use identity::AdminSitePage;
pub use legal::LegalPage;
pub use links::LinksSection;
