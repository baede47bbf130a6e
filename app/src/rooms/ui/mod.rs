//! Room pages: the dashboard list, a room's page, its settings and sharing, and the admins' list.
mod directory;
mod list;
mod page;
mod settings;
mod share_link;
mod sharing;

pub use directory::AllRoomsPage;
pub use list::MyRooms;
pub use page::RoomPage;
