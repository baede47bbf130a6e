//! What every request passes before it is routed, in one layer: refused if it changes something
//! from another site (`csrf`) or its body is over the cap (`body_limit`), sent on if it is an old Greenlight link (`app::legacy::routes`), given the co-op's brand, a refused
//! form's values kept (`typed_forms`) or an anonymous page served from the second's copy
//! (`page_cache`), and the answer marked never to be kept by a browser (`no_store`); all of it with
//! no Leptos owner left on the thread by an earlier page (`unowned`). One layer, so
//! what a request passes reads as one list in order; each layer of axum's also costs every request
//! a copy of the router behind it and a boxed future, though merging them moved the measured rates
//! by less than the machine's noise (bench/README).
use crate::http::page_cache::PageCache;
use app::state::AppState;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// What the checks need, built once with the router.
pub struct Pipeline {
    pub state: AppState,
    pub pages: PageCache,
    /// The portal's origin (`https://meet.example.coop`), the one state-changing requests come from.
    pub own_origin: String,
    /// Whether the portal is served over https (cookies it sets are `Secure`).
    pub secure: bool,
}

pub async fn run(pipeline: Arc<Pipeline>, req: Request, next: Next) -> Response {
    let keep_out_of_caches = crate::http::no_store::applies(req.uri().path());
    let mut response = crate::http::unowned::unowned(answer(&pipeline, req, next)).await;
    if keep_out_of_caches {
        crate::http::no_store::mark(&mut response);
    }
    response
}

async fn answer(pipeline: &Pipeline, req: Request, next: Next) -> Response {
    if let Some(refusal) = crate::http::csrf::refusal(&req, &pipeline.own_origin) {
        return refusal;
    }
    let mut req = match crate::http::body_limit::within_cap(req).await {
        Ok(req) => req,
        Err(too_large) => return too_large,
    };
    if let Some(moved) = app::legacy::routes::moved(&pipeline.state, req.method(), req.uri().path()).await {
        return moved;
    }
    // The co-op's name and colour, for the page's parts to read without
    // waiting: one look at the second's copy (`app::site::service::identity`).
    if !req.uri().path().starts_with("/pkg/") {
        let brand = app::site::service::identity::brand(&pipeline.state).await;
        req.extensions_mut().insert(brand);
    }
    if crate::http::typed_forms::applies(&req) {
        return crate::http::typed_forms::keep_typed_values(pipeline.secure, req, next).await;
    }
    if crate::http::typed_forms::brings_refusal(&req) {
        return crate::http::typed_forms::show_once(pipeline.secure, req, next).await;
    }
    crate::http::page_cache::serve(&pipeline.pages, req, next).await
}
