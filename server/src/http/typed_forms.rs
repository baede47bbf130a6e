//! Keeps what a member typed when a form posted without JavaScript is refused. Leptos sends such a
//! browser back to the form's page with the error in the address; this layer notices that answer and
//! puts the submitted values (credentials left out) in a short-lived cookie the page fills itself from.
use app::edge::wants_html;
use app::ui::typed::{COOKIE, COOKIE_SECONDS, Typed};
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;

/// Forms are small; a larger body (or one of unknown length) passes through unread.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// Sends a form's post on (one that [`applies`]) and, if it is refused, keeps what was typed.
pub async fn keep_typed_values(secure: bool, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        // The body ended early or lied about its length: nothing is left to hand on.
        return Response::builder().status(400).body(Body::from("unreadable form")).unwrap_or_default();
    };
    let mut response = next.run(Request::from_parts(parts, Body::from(bytes.clone()))).await;
    if sent_back_with_error(&response) {
        let fields = url::form_urlencoded::parse(&bytes).map(|(k, v)| (k.into_owned(), v.into_owned()));
        if let Some(value) = Typed::new(&path, fields).encode() {
            let flags = if secure { "; Secure" } else { "" };
            let cookie = format!("{COOKIE}={value}; Path=/; Max-Age={COOKIE_SECONDS}; HttpOnly; SameSite=Lax{flags}");
            if let Ok(cookie) = HeaderValue::from_str(&cookie) {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
        }
    }
    response
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

/// Leptos answers a refused no-JavaScript form with a redirect whose address carries `__err`.
fn sent_back_with_error(response: &Response) -> bool {
    response.status().is_redirection()
        && response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).is_some_and(|l| l.contains("__err="))
}
