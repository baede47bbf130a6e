//! Integration tests: the whole portal over HTTP, on SQLite and on PostgreSQL.
mod accounts;
mod admin;
mod bbb;
mod directory;
mod forms;
mod meetings;
mod my_recordings;
mod platform;
mod recordings;
mod recovery;
mod regions;
mod rooms;
mod seats;
mod support;
