//! Old links of rooms imported from a legacy Greenlight keep working: `/b/<uid>` and `/<uid>`
//! (v2, with and without its prefix) and `/rooms/<friendly_id>` and `…/join` (v3) answer with a
//! permanent redirect to the room's page here. Looked at before routing, and only for a path of
//! that shape naming a room that exists; everything else goes on as before.
use app::state::AppState;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

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

pub async fn redirect(state: AppState, req: Request, next: Next) -> Response {
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let Some(slug) = legacy_path(req.uri().path()).map(str::to_string) else { return next.run(req).await };
    match state.rooms.room(&state.pool, &slug).await {
        Ok(room) => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, format!("/r/{}", room.slug))]).into_response(),
        Err(_) => next.run(req).await,
    }
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
