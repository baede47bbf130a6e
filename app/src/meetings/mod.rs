//! Meetings in rooms: start, join (members and guests, access codes, waiting until it starts), end,
//! and BBB's end callback (its signature; the route is the pages layer's). Joining asks BBB nothing but, at a participant limit, whether a seat is free.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
