//! An assembly's page (its rules, joining, and for its chair the live quorum) and the admins'
//! form that makes a booking an assembly.
mod minutes;
mod page;
mod quorum;
mod rules;

pub use minutes::MinutesPage;
pub use page::AssemblyPage;
pub use rules::AssemblyRulesPage;
