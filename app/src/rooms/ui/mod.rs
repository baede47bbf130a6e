//! Room pages: the dashboard list, a room's page, its settings and sharing.
mod list;
mod page;
mod settings;
mod sharing;

pub use list::MyRooms;
pub use page::RoomPage;
