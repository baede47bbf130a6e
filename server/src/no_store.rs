//! Answers built for one visitor (pages, server functions, redirects) are never kept by a browser
//! or a proxy cache: a shared computer's back button or a proxy must not show one member's page to
//! the next. Built assets (`/pkg/…`) and static files (a dot in the name) keep their own caching.
use axum::http::{HeaderValue, header};
use axum::response::Response;

/// Whether the answer to a request for `path` is built for its visitor (not a built asset or file).
pub fn applies(path: &str) -> bool {
    let is_file = path.starts_with("/pkg/") || path.rsplit('/').next().is_some_and(|name| name.contains('.'));
    !is_file
}

/// Marks an answer built for one visitor, unless it says how it may be kept itself.
pub fn mark(response: &mut Response) {
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}
