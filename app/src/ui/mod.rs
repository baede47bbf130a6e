//! Components every feature's pages share: form fields with their errors, notices, the page frame.
pub mod address;
mod awaited;
mod form;
mod heading;
mod layout;
mod menu;
mod read;
pub mod typed;

pub use address::Redirect;
pub use awaited::awaited;
pub use form::{Field, FormError, PostForm, Submit, carried_error, form_error, refusal_of};
pub use heading::{PageHeading, refused_form};
pub use layout::{Layout, RequireAdmin, RequireUser};
pub use read::read;
