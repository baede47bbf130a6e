//! The account rules and their SQL: plain async functions over a pool, no Leptos in sight.
pub mod admin;
pub mod auth;
pub mod domains;
pub mod emails;
pub mod hash_pool;
pub mod login;
pub mod password;
pub mod passwords;
pub mod people;
pub mod profile;
pub mod recovery;
pub mod registration;
pub mod tokens;
pub mod users;

pub use users::User;
