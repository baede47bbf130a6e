//! Legacy's plain routes. Old links of rooms imported from a legacy Greenlight keep working: `/b/<uid>` and `/<uid>`
//! (v2, with and without its prefix) and `/rooms/<friendly_id>` and `…/join` (v3) answer with a
//! permanent redirect to the room's page here. Looked at before routing, and only for a path of
//! that shape naming a room that exists; everything else goes on as before.
use crate::state::AppState;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The shapes of old links: answered before routing (`moved`), listed for the authorization table.
pub const OLD_LINKS: &[&str] = &["/b/{slug}", "/{slug}", "/rooms/{slug}", "/rooms/{slug}/join"];

/// A link id as Greenlight made them: three or four groups of letters and digits.
fn link_id(text: &str) -> Option<&str> {
    let groups: Vec<&str> = text.split('-').collect();
    let shaped = (3..=4).contains(&groups.len())
        && groups
            .iter()
            .all(|g| (2..=8).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    shaped.then_some(text)
}

/// The room a legacy path names, if the path has a legacy shape.
fn legacy_path(path: &str) -> Option<&str> {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match parts.as_slice() {
        ["b", id] | ["rooms", id] | ["rooms", id, "join"] | [id] => link_id(id),
        _ => None,
    }
}

/// The permanent redirect of an old link to its room's page here, else `None`. Takes the
/// request's parts rather than the request: a request's body cannot be shared while this waits.
pub async fn moved(state: &AppState, method: &Method, path: &str) -> Option<Response> {
    if method != Method::GET {
        return None;
    }
    let slug = legacy_path(path)?;
    let room = state.rooms.room(&state.pool, slug).await.ok()?;
    Some((StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, format!("/r/{}", room.slug))]).into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_legacy_shaped_paths_are_looked_at() {
        assert_eq!(super::legacy_path("/b/abc-d3f-gh1-jk2"), Some("abc-d3f-gh1-jk2"));
        assert_eq!(super::legacy_path("/abc-d3f-gh1"), Some("abc-d3f-gh1"));
        assert_eq!(super::legacy_path("/rooms/abc-def-ghi-jkl/join"), Some("abc-def-ghi-jkl"));
        for path in ["/dashboard", "/favicon.svg", "/r/abc-def-ghi-jkl", "/b/../etc", "/pkg/quorum.js", "/rooms/x/y"] {
            assert_eq!(super::legacy_path(path), None, "{path}");
        }
    }
}
