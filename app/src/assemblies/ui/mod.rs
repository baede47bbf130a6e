//! An assembly's page (its rules, joining, and for its chair the live quorum) and the admins'
//! form that makes a booking an assembly.
mod admin;
mod minutes;
mod page;
mod quorum;
mod rules;

pub use admin::AdminAssembliesPage;
pub use minutes::MinutesPage;
pub use page::AssemblyPage;
pub use rules::AssemblyRulesPage;
