//! What meetings keep between requests: a visitor's admission, held in their session while they
//! wait for the meeting to start.
use serde::{Deserialize, Serialize};

/// A visitor allowed in, waiting for (or going to) the meeting. Kept in the session while waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Admission {
    pub slug: String,
    pub name: String,
    pub moderator: bool,
    pub user_id: Option<i64>,
    /// Joining starts the meeting when it does not run (a member the room is shared with as moderator).
    #[serde(default)]
    pub may_start: bool,
    /// The room's gates when this admission was given; a fingerprint of its codes and rules (`service::admission`).
    #[serde(default)]
    pub gates: String,
    /// What BBB knows them by (its `userID`) when not their member id: a feature above that admits
    /// people on its own terms names them (an assembly's observers).
    #[serde(default)]
    pub tag: Option<String>,
    /// A member who asked to be listed among the meeting's attendees in the room's history.
    #[serde(default)]
    pub listed: bool,
}
