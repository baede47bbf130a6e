//! The account pages.
mod recovery;
mod require;
mod signup;
mod verify;

pub use recovery::{ForgotPage, ResetPage};
pub use require::{RequireAdmin, RequireUser};
pub use signup::{SignupDonePage, SignupPage};
pub use verify::{ConfirmEmailPage, ResendPage, VerifyPage};
