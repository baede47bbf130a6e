//! Small helpers server functions share at the HTTP edge.
use crate::error::{AppError, AppResult};
use axum::http::{HeaderValue, header};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

fn parts() -> Option<axum::http::request::Parts> {
    use_context::<axum::http::request::Parts>()
}

/// A browser posting a plain HTML form (no JavaScript) asks for a page back; server-function calls
/// from the hydrated page do not.
pub fn wants_html(headers: &axum::http::HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// Gives an error its HTTP status, except for plain HTML form posts (no JavaScript), which must stay
/// redirects so the browser comes back to the form with the error in its address.
pub fn finish<T>(result: AppResult<T>) -> AppResult<T> {
    if let Err(e) = &result {
        let html_form = parts().is_some_and(|p| wants_html(&p.headers));
        if !html_form && let Some(options) = use_context::<ResponseOptions>() {
            options.set_status(e.http_status());
        }
    }
    result
}

/// The client's address: the socket peer, or the proxy's `X-Forwarded-For` when configured to trust it.
pub async fn client_address(trust_proxy: bool) -> String {
    if trust_proxy
        && let Some(forwarded) =
            parts().and_then(|p| p.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()).map(str::to_string))
        && let Some(first) = forwarded.split(',').next()
    {
        return first.trim().to_string();
    }
    leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|_| "unknown".to_string())
}

pub fn set_cookie(value: &str) -> AppResult<()> {
    let options = use_context::<ResponseOptions>().ok_or(AppError::Internal)?;
    let value = HeaderValue::from_str(value).map_err(|_| AppError::Internal)?;
    options.append_header(header::SET_COOKIE, value);
    Ok(())
}

/// Remembers the member's language in a cookie so every page, even before their profile loads,
/// renders in it.
pub fn set_language_cookie(code: &str) -> AppResult<()> {
    set_cookie(&format!("{}={code}; Path=/; SameSite=Lax; Max-Age=31536000", crate::i18n::LANG_COOKIE))
}
