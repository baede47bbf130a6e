//! The account pages.
mod login;
mod profile;
mod recovery;
mod signup;
mod verify;

pub use login::LoginPage;
pub use profile::ProfilePage;
pub use recovery::{ForgotPage, ResetPage};
pub use signup::{SignupDonePage, SignupPage};
pub use verify::{ConfirmEmailPage, ResendPage, VerifyPage};

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A query parameter of the current page, as a signal.
pub(crate) fn query_param(name: &'static str) -> Signal<String> {
    let query = use_query_map();
    Signal::derive(move || query.with(|q| q.get(name).unwrap_or_default()))
}
