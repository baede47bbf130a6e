//! Room parts: the dashboard list, the settings form, sharing, the share link, the offer to move,
//! room types, and the admins' lists. The room's pages themselves compose more features: `crate::pages::room`.
mod directory;
mod guest_links;
mod history;
mod list;
mod move_offer;
mod presentations;
mod recording_visibility;
mod room_type;
mod settings;
mod share_link;
mod sharing;
mod types_admin;

pub use directory::AllRoomsPage;
pub use guest_links::GuestLinks;
pub use history::History;
pub use list::{MyRooms, RoomState};
pub use move_offer::MoveOffer;
pub use presentations::Presentations;
pub use room_type::{TypeChoice, TypePick, TypeRules};
pub use settings::SettingsForm;
pub use share_link::{CopyButton, ShareLink};
pub use sharing::{Sharing, TransferForm};
pub use types_admin::AdminRoomTypesPage;
