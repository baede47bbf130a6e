//! Keeps what a member typed when a form posted without JavaScript is refused. Leptos sends such a
//! browser back to the form's page with the error in the address (`__err`, `__path`); this layer
//! takes both out of the address and puts them, with the submitted values (credentials left out),
//! in a short-lived cookie the page reads its refusal and values from. A form that goes through
//! drops a refusal kept from before, so it is not shown again.
use app::edge::wants_html;
use app::ui::typed::{COOKIE, COOKIE_SECONDS, Typed};
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;

/// Forms are small; a larger body (or one of unknown length) passes through unread.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// Sends a form's post on (one that [`applies`]) and, if it is refused, keeps what was typed.
pub async fn keep_typed_values(secure: bool, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let had_cookie = carries_cookie(request.headers());
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        // The body ended early or lied about its length: nothing is left to hand on.
        return Response::builder().status(400).body(Body::from("unreadable form")).unwrap_or_default();
    };
    let mut response = next.run(Request::from_parts(parts, Body::from(bytes.clone()))).await;
    let flags = if secure { "; Secure" } else { "" };
    let cookie = match refusal(&response) {
        Some((page, error, clean)) => {
            let fields = url::form_urlencoded::parse(&bytes).map(|(k, v)| (k.into_owned(), v.into_owned()));
            let typed = Typed { error: Some(error), page, ..Typed::new(&path, fields) };
            if let Ok(clean) = HeaderValue::from_str(&clean) {
                response.headers_mut().insert(header::LOCATION, clean);
            }
            typed.encode().map(|value| {
                format!("{COOKIE}={value}; Path=/; Max-Age={COOKIE_SECONDS}; HttpOnly; SameSite=Lax{flags}")
            })
        }
        None if had_cookie => Some(format!("{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{flags}")),
        None => None,
    };
    if let Some(cookie) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// A page opened with a kept refusal shows it once: the answer drops the cookie, so reloading
/// the page, or coming back to it later, starts it afresh.
pub async fn show_once(secure: bool, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let flags = if secure { "; Secure" } else { "" };
    if let Ok(clear) = HeaderValue::from_str(&format!("{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{flags}")) {
        response.headers_mut().append(header::SET_COOKIE, clear);
    }
    response
}

/// Whether a page's request brings a kept refusal with it.
pub fn brings_refusal(request: &Request) -> bool {
    request.method() == Method::GET && wants_html(request.headers()) && carries_cookie(request.headers())
}

fn carries_cookie(headers: &HeaderMap) -> bool {
    let prefix = format!("{COOKIE}=");
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|c| c.trim().starts_with(&prefix))
}

/// Whether `request` is a browser's form, posted without JavaScript, small enough to keep.
pub fn applies(request: &Request) -> bool {
    let headers = request.headers();
    let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && wants_html(headers)
        && header(header::CONTENT_TYPE).is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
        && header(header::CONTENT_LENGTH).and_then(|v| v.parse::<usize>().ok()).is_some_and(|n| n <= MAX_FORM_BYTES)
}

/// Leptos answers a refused no-JavaScript form with a redirect whose address carries `__err`:
/// the page it goes to, the error, and the address without `__err` and `__path`.
fn refusal(response: &Response) -> Option<(String, String, String)> {
    if !response.status().is_redirection() {
        return None;
    }
    let location = response.headers().get(header::LOCATION)?.to_str().ok()?;
    // A relative address is read against a placeholder origin and written back relative.
    let base = url::Url::parse("http://relative.invalid").ok()?;
    let mut url = base.join(location).ok()?;
    let error = url.query_pairs().find(|(k, _)| k == "__err").map(|(_, v)| v.into_owned())?;
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != "__err" && k != "__path")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    url.set_query(None);
    if !kept.is_empty() {
        url.query_pairs_mut().extend_pairs(kept);
    }
    let page = url.path().to_string();
    let clean = if url.host_str() == Some("relative.invalid") {
        url.as_str().trim_start_matches("http://relative.invalid").to_string()
    } else {
        url.to_string()
    };
    Some((page, error, clean))
}
