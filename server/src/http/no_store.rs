//! Answers built for one visitor (pages, server functions, redirects) are never kept by a browser
//! or a proxy cache: a shared computer's back button or a proxy must not show one member's page to
//! the next. Built assets (`/pkg/…`) and static files (a dot in the name) keep their own caching;
//! a server function or a calendar feed is built for its caller even when its name has a dot
//! (`/api/contributions/export.csv`, `/cal/<token>.ics`).
use axum::http::{HeaderValue, header};
use axum::response::Response;

/// Whether the answer to a request for `path` is built for its visitor (not a built asset or file).
pub fn applies(path: &str) -> bool {
    if path.starts_with("/api/") || path.starts_with("/cal/") {
        return true;
    }
    let is_file = path.starts_with("/pkg/") || path.rsplit('/').next().is_some_and(|name| name.contains('.'));
    !is_file
}

/// Marks an answer built for one visitor, unless it says how it may be kept itself.
pub fn mark(response: &mut Response) {
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

#[cfg(test)]
mod tests {
    use super::applies;

    #[test]
    fn answers_for_one_reader_are_marked_and_files_are_not() {
        for path in ["/", "/dashboard", "/api/contributions/export.csv", "/cal/abc.ics"] {
            assert!(applies(path), "{path}");
        }
        for path in ["/pkg/quorum.wasm", "/favicon.ico", "/robots.txt"] {
            assert!(!applies(path), "{path}");
        }
    }
}
