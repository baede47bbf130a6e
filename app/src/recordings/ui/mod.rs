//! Recordings in pages: the part of a room's page, and the member's list of all their recordings.
mod admin;
mod formats;
mod manage;
mod mine;
mod room;

pub use admin::AdminRecordingsPage;
pub use manage::ManageRecordingPage;
pub use mine::MyRecordingsPage;
pub use room::Recordings;
