//! Pages as anonymous visitors see them, kept for one second. A crowd opening a room's link at the
//! start of an assembly gets the same page (the room's state at most a second old: joining checks it
//! live), rendered once a second instead of once per guest. Only requests without cookies (or with
//! just the language cookie, in every `Cookie` header they send) and without a session as the
//! session layer read it are served from here, keyed by address, language cookie and
//! `Accept-Language`; only plain 200 pages that set no cookie and were rendered with no session
//! (none read, none begun) are kept; every answer gets a
//! fresh CSP nonce, so no two visitors ever share one. When a page expires, one request renders it
//! anew while the others get the page of the second before (no crowd of renders every second).
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const FRESH: Duration = Duration::from_secs(1);
const MAX_PAGES: usize = 1_000;
const MAX_BODY: usize = 1 << 20;

#[derive(Clone)]
struct Page {
    at: Instant,
    headers: HeaderMap,
    body: String,
    nonce: String,
}

#[derive(Clone, Default)]
pub struct PageCache(Arc<Mutex<HashMap<String, Page>>>);

/// The cache key of a request that may be served from the cache, else `None`.
fn key_of(req: &Request) -> Option<String> {
    let path = req.uri().path();
    let dynamic = ["/api/", "/pkg/", "/bbb/", "/files/", "/healthz", "/readyz"].iter().any(|p| path.starts_with(p));
    if req.method() != Method::GET || dynamic || path.ends_with("/join") {
        return None;
    }
    if !sessionless(req) {
        return None;
    }
    // Every `Cookie` line, as the session layer reads them: a proxy may split one header in two,
    // and a session in the second line is a session all the same.
    let mut cookies = Vec::new();
    for line in req.headers().get_all(header::COOKIE) {
        cookies.extend(line.to_str().ok()?.split(';').map(str::trim).filter(|c| !c.is_empty()));
    }
    if !cookies.iter().all(|c| c.starts_with("quorum_lang=")) {
        return None;
    }
    let cookies = cookies.join("; ");
    let languages = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let address = req.uri().path_and_query().map_or(path, |p| p.as_str());
    Some(format!("{address}\n{cookies}\n{languages}"))
}

/// Whether the request comes with no session, as the session layer (outside this one) found it:
/// the decision rests on what the session layer read, not on a second reading of the headers.
fn sessionless(req: &Request) -> bool {
    req.extensions().get::<tower_sessions::Session>().is_none_or(|s| s.id().is_none() && !s.is_modified())
}

fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let policy = headers.get(header::CONTENT_SECURITY_POLICY)?.to_str().ok()?;
    let nonce = policy.split("'nonce-").nth(1)?.split('\'').next()?;
    Some(nonce.to_string())
}

/// The cached page with a nonce of its own.
fn answer(page: &Page) -> Response {
    let fresh = uuid::Uuid::new_v4().simple().to_string();
    let mut response = Response::new(Body::from(page.body.replace(&page.nonce, &fresh)));
    *response.headers_mut() = page.headers.clone();
    let policy = page.headers.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or("");
    if let Ok(policy) = HeaderValue::from_str(&policy.replace(&page.nonce, &fresh)) {
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response.headers_mut().remove(header::CONTENT_LENGTH);
    response
}

/// The page from the second's copy where it may be, else the router's answer (kept if it may be).
pub async fn serve(cache: &PageCache, req: Request, next: Next) -> Response {
    let Some(key) = key_of(&req) else { return next.run(req).await };
    let hit = cache.0.lock().ok().and_then(|mut pages| {
        let page = pages.get_mut(&key)?;
        if page.at.elapsed() < FRESH {
            return Some(page.clone());
        }
        // Stale: this request renders it anew; until it is done the others get this one.
        page.at = Instant::now();
        None
    });
    if let Some(page) = hit {
        metrics::counter!("page_cache_hits_total").increment(1);
        return answer(&page);
    }
    let session = req.extensions().get::<tower_sessions::Session>().cloned();
    let response = next.run(req).await;
    // A page that began a session (its cookie is set by the session layer, after this one) was
    // rendered for that visitor alone.
    let rendered_for_nobody = session.is_none_or(|s| s.id().is_none() && !s.is_modified());
    let html = response.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    let keep = response.status() == StatusCode::OK
        && html
        && rendered_for_nobody
        && !response.headers().contains_key(header::SET_COOKIE);
    let Some(nonce) = nonce_of(response.headers()).filter(|_| keep) else { return response };
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(text) = String::from_utf8(bytes.to_vec()) else { return Response::from_parts(parts, Body::from(bytes)) };
    let page = Page { at: Instant::now(), headers: parts.headers.clone(), body: text, nonce };
    if let Ok(mut pages) = cache.0.lock() {
        if pages.len() >= MAX_PAGES {
            pages.retain(|_, p| p.at.elapsed() < FRESH);
        }
        if pages.len() < MAX_PAGES {
            pages.insert(key, page.clone());
        }
    }
    Response::from_parts(parts, Body::from(page.body))
}
