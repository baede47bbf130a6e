//! An account's pages that compose features (signing in with a password or a provider; the
//! account's settings with its sign-in methods) and the actions that reach past accounts: signing
//! out (of a provider too), deleting an account (its rooms first), and a copy of one's own data.
mod api;
#[cfg(feature = "ssr")]
mod data;
mod login;
mod profile;

pub use api::{DeleteAccount, Logout, delete_account, logout, my_data};
pub use login::LoginPage;
pub use profile::ProfilePage;
