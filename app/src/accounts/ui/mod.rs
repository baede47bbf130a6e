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

/// A query parameter of the current page (empty when it has none), as a signal.
pub(crate) fn query_param(name: &'static str) -> Signal<String> {
    Signal::stored(crate::ui::address::query(name).unwrap_or_default())
}
