//! Pages as anonymous visitors see them, kept for one second. A crowd opening a room's link at the
//! start of an assembly gets the same page (the room's state at most a second old: joining checks it
//! live), rendered once a second instead of once per guest. Only requests without cookies (or with
//! just the language cookie) are served from here, keyed by address, language cookie and
//! `Accept-Language`, and only plain 200 pages that set no cookie are kept; every answer gets a
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
    let dynamic = ["/api/", "/pkg/", "/bbb/", "/healthz", "/readyz"].iter().any(|p| path.starts_with(p));
    if req.method() != Method::GET || dynamic || path.ends_with("/join") {
        return None;
    }
    let cookies = req.headers().get(header::COOKIE).and_then(|c| c.to_str().ok()).unwrap_or("");
    let only_language =
        cookies.split(';').map(str::trim).filter(|c| !c.is_empty()).all(|c| c.starts_with("quorum_lang="));
    if !only_language {
        return None;
    }
    let languages = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let address = req.uri().path_and_query().map_or(path, |p| p.as_str());
    Some(format!("{address}\n{cookies}\n{languages}"))
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
    let response = next.run(req).await;
    let html = response.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    let keep = response.status() == StatusCode::OK && html && !response.headers().contains_key(header::SET_COOKIE);
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
