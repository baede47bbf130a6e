//! Answers built for one visitor (pages, server functions, redirects) are never kept by a browser
//! or a proxy cache: a shared computer's back button or a proxy must not show one member's page to
//! the next. Built assets (`/pkg/…`) and static files (a dot in the name) keep their own caching.
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

pub async fn dynamic_answers(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let is_file = path.starts_with("/pkg/") || path.rsplit('/').next().is_some_and(|name| name.contains('.'));
    let mut response = next.run(req).await;
    if !is_file && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
