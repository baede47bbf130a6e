//! Who may watch which of a room's recordings: the one rule the room's list, the playback route
//! and the authorization table's tests share.
use crate::accounts::service::User;
use crate::error::AppResult;
use crate::recordings::model::Visibility;
use crate::rooms::service::store::{self, RoomRow};
use crate::state::AppState;

/// What a viewer is to a room's recordings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sight {
    /// Owner, co-owner or admin: every recording, published or not, and every format.
    pub manages: bool,
    /// A signed-in, active member of the co-op.
    pub member: bool,
    /// One of the room's people: it is shared with them, or they gave its access code.
    pub of_room: bool,
    /// The room has an access code this viewer has not given.
    pub code_would_open: bool,
}

impl Sight {
    pub fn may_watch(&self, visibility: Visibility, published: bool) -> bool {
        if self.manages {
            return true;
        }
        published
            && match visibility {
                Visibility::Public => true,
                Visibility::Members => self.member,
                Visibility::Room => self.of_room,
                Visibility::Private => false,
            }
    }

    /// BBB's statistics format is the meeting's learning analytics: for its managers only.
    pub fn may_open_format(&self, kind: &str) -> bool {
        self.manages || kind != "statistics"
    }
}

/// The viewer's sight of the room's recordings. `code` is what they gave for the room (in the form,
/// or kept in their session); a wrong one is refused next to the field and counted as at the join.
#[tracing::instrument(name = "recordings.sight.of", level = "error", skip_all)]
pub async fn of(ctx: &AppState, room: &RoomRow, user: Option<&User>, code: &str, address: &str) -> AppResult<Sight> {
    let access = store::access(&ctx.pool, room, user).await?;
    let (manages, shared) = (access.manages(), access.share().is_some());
    let has_code = !room.viewer_code.is_empty() || !room.moderator_code.is_empty();
    // A room members must sign in to join lets in no visitor by its code, and neither do these.
    let code_counts = has_code && (room.require_sign_in == 0 || user.is_some());
    let gave_code = code_counts
        && !(manages || shared)
        && crate::meetings::service::admission::code_opens(ctx, room, code, address).await?;
    let of_room = manages || shared || gave_code;
    Ok(Sight { manages, member: user.is_some(), of_room, code_would_open: code_counts && !of_room })
}

/// Where a session keeps the code it gave room `slug` (slugs are matched trimmed, in lower case),
/// so that the room's list and its playback links open without asking again.
pub fn kept_code_key(slug: &str) -> String {
    format!("recordings_code:{}", slug.trim().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::Sight;
    use crate::recordings::model::Visibility::{self, *};

    fn sight(manages: bool, member: bool, of_room: bool) -> Sight {
        Sight { manages, member, of_room, code_would_open: false }
    }

    #[test]
    fn each_visibility_opens_to_whom_it_says() {
        let anyone = sight(false, false, false);
        let with_code = sight(false, false, true);
        let member = sight(false, true, false);
        let sharer = sight(false, true, true);
        let owner = sight(true, true, true);
        let table: [(Visibility, [bool; 5]); 4] = [
            (Public, [true, true, true, true, true]),
            (Members, [false, false, true, true, true]),
            (Room, [false, true, false, true, true]),
            (Private, [false, false, false, false, true]),
        ];
        for (visibility, expected) in table {
            let seen = [anyone, with_code, member, sharer, owner].map(|s| s.may_watch(visibility, true));
            assert_eq!(seen, expected, "{visibility:?}");
            let unpublished = [anyone, with_code, member, sharer, owner].map(|s| s.may_watch(visibility, false));
            assert_eq!(unpublished, [false, false, false, false, true], "{visibility:?} unpublished");
        }
        assert!(!sharer.may_open_format("statistics") && owner.may_open_format("statistics"));
    }
}
