//! Room pages: the dashboard list, a room's page, its settings page (settings, name, sharing), and
//! the admins' list.
mod directory;
mod list;
mod manage;
mod move_offer;
mod page;
mod settings;
pub(crate) mod share_link;
mod sharing;

pub use directory::AllRoomsPage;
pub use list::MyRooms;
pub use manage::RoomSettingsPage;
pub use page::RoomPage;
