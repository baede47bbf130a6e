//! Small helpers server functions share at the HTTP edge.
use crate::error::{AppError, AppResult};
use axum::http::{HeaderValue, header};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// Reads the request's head in place: `use_context` or `leptos_axum::extract` would copy its
/// headers and extensions first, on every call.
pub fn with_parts<R>(read: impl FnOnce(&axum::http::request::Parts) -> R) -> Option<R> {
    leptos::prelude::with_context::<axum::http::request::Parts, _>(read)
}

/// A browser posting a plain HTML form (no JavaScript) asks for a page back; server-function calls
/// from the hydrated page do not.
pub fn wants_html(headers: &axum::http::HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// A plain HTTP route beside the pages and server functions (a callback, a feed): a feature lists
/// its own in `<feature>/routes.rs`, and the binary mounts every list from its one table.
pub struct Route {
    pub path: &'static str,
    pub handler: fn() -> axum::routing::MethodRouter<crate::state::AppState>,
}

/// An error as a browser or a caller of a plain route gets it: its status and plain words; the
/// cause goes to the log.
pub fn plain_error(e: &AppError) -> axum::response::Response {
    use axum::response::IntoResponse;
    log_internal(e);
    (e.http_status(), crate::i18n::Lang::default().msg(&e.message())).into_response()
}

/// Logs an internal error's cause, once, at the edge: the request's span adds its id.
pub fn log_internal(e: &AppError) {
    if let AppError::Internal(cause) | AppError::Unavailable(cause) = e {
        tracing::error!(?cause, "request failed");
    }
}

/// Gives an error its HTTP status, except for plain HTML form posts (no JavaScript), which must stay
/// redirects so the browser comes back to the form with the error in its address. While a page
/// renders, only errors about the page itself (not found, not signed in, forbidden) give it their
/// status: a part that failed (a region that did not answer, a code not yet given) shows its
/// message in the page, which is still a 200.
pub fn finish<T>(result: AppResult<T>) -> AppResult<T> {
    if let Err(e) = &result {
        log_internal(e);
        let (wants_html, server_fn_call) =
            with_parts(|p| (wants_html(&p.headers), p.uri.path().starts_with("/api/"))).unwrap_or_default();
        // A database that is away fails the whole page, which says so with its status (503).
        let about_the_page =
            matches!(e, AppError::NotFound | AppError::NotSignedIn | AppError::Forbidden | AppError::Unavailable(_));
        // A page asked for by a browser wants HTML too, and still gets its status.
        let status = if server_fn_call { !wants_html } else { about_the_page };
        if status && let Some(options) = use_context::<ResponseOptions>() {
            options.set_status(e.http_status());
        }
    }
    result
}

/// The client's address: the socket peer, or what the trusted proxies in front of it saw.
pub async fn client_address(proxies: &crate::client_address::TrustedProxies) -> String {
    use axum::extract::ConnectInfo;
    with_parts(|p| {
        let peer = p.extensions.get::<ConnectInfo<std::net::SocketAddr>>()?;
        Some(proxies.client_of(peer.0.ip(), &p.headers))
    })
    .flatten()
    .unwrap_or_else(|| "unknown".to_string())
}

pub fn set_cookie(value: &str) -> AppResult<()> {
    let options = use_context::<ResponseOptions>().ok_or_else(|| AppError::internal("no response options"))?;
    let value = HeaderValue::from_str(value).map_err(|e| AppError::internal(format_args!("cookie header: {e}")))?;
    options.append_header(header::SET_COOKIE, value);
    Ok(())
}

/// Makes the response a file download named `file_name` of `content_type`.
pub fn download(content_type: &'static str, file_name: &str) {
    if let Some(options) = use_context::<ResponseOptions>() {
        options.insert_header(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
            options.insert_header(header::CONTENT_DISPOSITION, value);
        }
    }
}

/// Remembers the member's language in a cookie so every page, even before their profile loads,
/// renders in it.
pub fn set_language_cookie(code: &str) -> AppResult<()> {
    set_cookie(&format!("{}={code}; Path=/; SameSite=Lax; Max-Age=31536000", crate::i18n::LANG_COOKIE))
}

/// An action that asks for its box to be ticked first (deleting, moving, giving away): refused next
/// to the box when it was not.
pub fn confirmed(confirm: &Option<String>) -> AppResult<()> {
    match confirm {
        Some(_) => Ok(()),
        None => Err(AppError::field("confirm", "field.confirm.required")),
    }
}

/// Writes a security-log entry for what the signed-in `actor` just did, from the client's address.
pub async fn audit(
    s: &crate::state::AppState,
    actor: i64,
    kind: &'static str,
    subject: &str,
    detail: &str,
) -> AppResult<()> {
    let address = client_address(&s.proxies).await;
    let event = crate::security_log::Event { kind, actor_id: Some(actor), subject, address: &address, detail };
    crate::security_log::record(&s.pool, &s.clock, event).await
}

/// The Content-Security-Policy of answers that are not pages (no inline script at all).
pub const BASE_POLICY: &str =
    "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The policy of a page: as [`BASE_POLICY`], plus the inline scripts that carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )
}
