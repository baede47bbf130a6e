//! Schedule pages: the member's schedule (week, lists, feed, reminders), the booking form and its
//! alternatives, one booking's page, and the admins' events and capacity.
mod admin;
mod booking;
mod form;
mod page;

pub use admin::AdminSchedulePage;
pub use booking::BookingPage;
pub use form::NewBookingPage;
pub use page::{List as BookingList, SchedulePage};
