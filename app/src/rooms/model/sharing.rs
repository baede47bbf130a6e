//! Sharing a room with other members, each in a role.
use serde::{Deserialize, Serialize};

/// What a member a room is shared with may do there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareRole {
    /// Joins without the access code, as the room's settings place any participant.
    Participant,
    /// Joins as moderator without the code and may start the meeting; changes nothing.
    Moderator,
    /// Manages the room as its owner does, but cannot delete it, share it or give it away.
    #[default]
    CoOwner,
}

impl ShareRole {
    pub const ALL: [ShareRole; 3] = [ShareRole::Participant, ShareRole::Moderator, ShareRole::CoOwner];

    /// The stored and posted name.
    pub fn name(self) -> &'static str {
        match self {
            ShareRole::Participant => "participant",
            ShareRole::Moderator => "moderator",
            ShareRole::CoOwner => "co_owner",
        }
    }

    pub fn parse(name: &str) -> Option<ShareRole> {
        ShareRole::ALL.into_iter().find(|r| r.name() == name.trim())
    }
}

/// A member the room is shared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: ShareRole,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_back_by_name() {
        for role in ShareRole::ALL {
            assert_eq!(ShareRole::parse(role.name()), Some(role));
        }
        assert_eq!(ShareRole::parse("owner"), None, "ownership is given away, not shared");
    }
}
