//! Server side of scheduling. `store` is the only writer of the schedule's tables; `book` and
//! `change` apply the capacity rule (`capacity`) in one transaction per region; `guarantee` keeps
//! booked capacity free on the day; `ics`, `invite`, `reminders` and `feed` speak to calendars and
//! mailboxes (`outreach` limits how many invitations a member sends); `events` and `hooks` handle
//! large bookings; `timeline` draws the coming weeks.
pub mod book;
pub mod cache;
pub mod capacity;
pub mod change;
pub mod events;
pub mod feed;
pub mod guarantee;
pub mod hooks;
pub mod ics;
pub mod invite;
pub mod listing;
pub mod maintenance;
pub mod outreach;
pub mod pages;
pub mod pass;
pub mod reminders;
pub mod store;
pub mod suggest;
pub mod timeline;
pub mod times;
pub mod vtimezone;
