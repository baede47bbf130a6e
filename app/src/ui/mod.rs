//! Components every feature's pages share: form fields with their errors, notices, headings, the
//! page's address. The frame around a page is the pages layer's (`crate::pages`).
pub mod address;
mod awaited;
mod form;
mod heading;
mod read;
pub mod typed;

pub use address::Redirect;
pub use awaited::awaited;
pub use form::{Field, FormError, PostForm, Submit, carried_error, form_error, refusal_of};
pub use heading::{PageHeading, refused_form};
pub use read::read;
