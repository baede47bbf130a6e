//! Headers every answer carries. Pages are never framed by another site (a framed "Delete room"
//! button could be clicked through), content types are never guessed, and full addresses (room
//! links, tokens in them) do not leak to other sites. HSTS only when the portal is served over https.
use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

pub fn add(router: Router, secure: bool) -> Router {
    let mut headers: Vec<(HeaderName, &'static str)> = vec![
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CONTENT_SECURITY_POLICY, app::edge::BASE_POLICY),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
    ];
    if secure {
        headers.push((header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"));
    }
    headers.into_iter().fold(router, |router, (name, value)| {
        router.layer(SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value)))
    })
}
