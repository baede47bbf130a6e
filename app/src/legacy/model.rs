//! What an import is asked to do and what it reports.
use serde::{Deserialize, Serialize};

/// Which Greenlight the database belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Version {
    V2,
    V3,
}

/// What to do with a legacy member whose email already has a Quorum account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum OnConflict {
    /// Import neither the member nor their rooms; report them.
    #[default]
    Skip,
    /// Give the legacy rooms to the existing account (whose password stays).
    Attach,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Where imported rooms go: usually the legacy instance's own BBB or Scalelite.
    pub region: String,
    pub dry_run: bool,
    /// `None`: read the version from the schema.
    pub version: Option<Version>,
    /// Legacy admins stay admins (otherwise they become members).
    pub keep_admins: bool,
    pub on_conflict: OnConflict,
    /// Mail every member imported: where to sign in now, with which password, and their rooms.
    #[serde(default)]
    pub welcome: bool,
}

/// One record that was not imported (or was attached), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// `user`, `room` or `share`.
    pub kind: String,
    /// Its id in the legacy database.
    pub legacy_id: String,
    /// What a person recognises it by: an email, a room's name and link id.
    pub label: String,
    /// `skipped` or `conflict`.
    pub outcome: String,
    /// A translation key: `legacy.reason.deleted` …
    pub reason: String,
}

/// Counts per kind, and every record that was skipped or in conflict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub version: Option<Version>,
    pub dry_run: bool,
    /// Imported in this run.
    pub users: usize,
    pub rooms: usize,
    pub shares: usize,
    /// Imported by an earlier run, so left alone.
    pub already: usize,
    pub lines: Vec<Line>,
}

impl Report {
    pub fn count(&self, kind: &str, outcome: &str) -> usize {
        self.lines.iter().filter(|l| l.kind == kind && l.outcome == outcome).count()
    }

    pub fn note(&mut self, kind: &str, legacy_id: &str, label: &str, outcome: &str, reason: &str) {
        self.lines.push(Line {
            kind: kind.into(),
            legacy_id: legacy_id.into(),
            label: label.into(),
            outcome: outcome.into(),
            reason: reason.into(),
        });
    }
}

/// An import started from the admin page, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunView {
    pub id: i64,
    /// When it started, in the admin's zone.
    pub started: String,
    pub finished: bool,
    pub dry_run: bool,
    pub region: String,
    /// Legacy members looked at so far, of all of them.
    pub done: i64,
    pub total: i64,
    pub report: Option<Report>,
    /// The report's records as CSV, to download.
    pub csv: Option<String>,
    pub error: Option<crate::error::Msg>,
}
