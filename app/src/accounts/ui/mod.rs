//! The account pages: signing up, verifying, recovering; the admins' member list and security log.
mod admin;
mod browser_zone;
mod create;
mod domains;
mod recovery;
mod require;
mod security;
mod signup;
mod verify;

pub use admin::AccountsPage;
pub use recovery::{ForgotPage, ResetPage};
pub use require::{RequireAdmin, RequireUser};
pub use security::SecurityLogPage;
pub use signup::{SignupDonePage, SignupPage};
pub use verify::{ConfirmEmailPage, ResendPage, VerifyPage};
