//! Server side of contributions: `opencollective` reads an export, `store` is the only writer of
//! `contributors` and `contributions`, `import` applies a file in one transaction.
pub mod import;
pub mod opencollective;
pub mod store;
