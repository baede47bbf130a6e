//! Cross-site request forgery: every state-changing request must come from the portal's own pages.
//! A browser says where a request comes from: `Sec-Fetch-Site` (every current browser), else
//! `Origin` (sent with every cross-site POST), else `Referer`. Only `same-origin` — the portal's own
//! origin, or the host the request was sent to — passes; another site and a sibling subdomain
//! (`same-site`) are refused, login included. A request with none of the three is no browser's
//! cross-site request (BBB's callbacks, scripts, the command line) and passes; BBB's callbacks are
//! signed on their own.
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The refusal of a state-changing request that another site sent, else `None`.
pub fn refusal(req: &Request, own_origin: &str) -> Option<Response> {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || req.uri().path().starts_with("/bbb/callback/") || allowed(req.headers(), own_origin) {
        return None;
    }
    tracing::warn!(path = %req.uri().path(), "cross-site request refused");
    let text = "Cross-site request refused: submit the form from the portal's own page.";
    Some((StatusCode::FORBIDDEN, text).into_response())
}

fn allowed(headers: &HeaderMap, own_origin: &str) -> bool {
    let get = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = get("sec-fetch-site") {
        return site == "same-origin";
    }
    let host = get(header::HOST.as_str());
    let ours = |origin: &str| {
        origin == own_origin || host.is_some_and(|h| origin.split_once("://").is_some_and(|(_, o)| o == h))
    };
    if let Some(origin) = get(header::ORIGIN.as_str()) {
        return ours(origin);
    }
    if let Some(referer) = get(header::REFERER.as_str()) {
        return url::Url::parse(referer).is_ok_and(|u| ours(&u.origin().ascii_serialization()));
    }
    true
}

/// The origin (`scheme://host[:port]`) of the portal's public URL.
pub fn origin_of(base_url: &str) -> String {
    url::Url::parse(base_url).map(|u| u.origin().ascii_serialization()).unwrap_or_else(|_| base_url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    const OWN: &str = "https://meet.example.coop";

    #[test]
    fn only_the_portal_itself_may_post() {
        assert!(allowed(&headers(&[("sec-fetch-site", "same-origin")]), OWN));
        assert!(!allowed(&headers(&[("sec-fetch-site", "same-site")]), OWN), "sibling subdomain");
        assert!(!allowed(&headers(&[("sec-fetch-site", "cross-site")]), OWN));
        assert!(allowed(&headers(&[("origin", OWN)]), OWN));
        assert!(!allowed(&headers(&[("origin", "https://evil.example.coop")]), OWN));
        assert!(allowed(&headers(&[("origin", "http://localhost:3000"), ("host", "localhost:3000")]), OWN));
        assert!(!allowed(&headers(&[("referer", "https://evil.example/x"), ("host", "meet.example.coop")]), OWN));
        assert!(allowed(&headers(&[("referer", "https://meet.example.coop/r/abc")]), OWN));
        assert!(allowed(&headers(&[]), OWN), "no browser: a script or a callback");
        assert_eq!(origin_of("https://meet.example.coop/"), OWN);
    }
}
