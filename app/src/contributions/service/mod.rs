//! Server side of contributions: `opencollective` reads an export, `store` is the only writer of
//! `contributors`, `contributions`, their audit log and the import reports, `import` applies a file
//! in one transaction, `manual` is the admins' hand-entered contributions, `profiles` whose profile
//! is whose (members' claims, admins' links), `reports` what pages read.
pub mod import;
pub mod manual;
pub mod opencollective;
pub mod profiles;
pub mod reports;
pub mod store;
