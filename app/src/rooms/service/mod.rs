//! Room rules and SQL.
pub mod cache;
pub mod directory;
pub mod guest_links;
pub mod history;
pub mod imported;
pub mod manage;
pub mod meeting_state;
pub mod presentations;
pub mod share;
pub mod status;
pub mod store;
pub mod transfer;
pub mod types;
pub mod write;

pub use store::RoomRow;
