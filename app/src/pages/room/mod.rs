//! A room's page (its meeting, bookings, recordings and region) and its settings page, with the
//! server functions that compose features: the page's view and deleting a room.
pub mod api;
mod page;
mod settings;

#[cfg(feature = "ssr")]
pub use api::retire;
pub use api::{DeleteRoom, RoomPageView, delete_room, room_page};
pub use page::RoomPage;
pub use settings::RoomSettingsPage;
