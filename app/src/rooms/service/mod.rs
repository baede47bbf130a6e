//! Room rules and SQL.
pub mod cache;
pub mod directory;
pub mod imported;
pub mod manage;
pub mod meeting_state;
pub mod share;
pub mod status;
pub mod store;

pub use store::RoomRow;
