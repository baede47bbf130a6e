//! The router: the pages, the server functions, the plain routes of `routes::TABLE`, the static
//! files, and the layers every request passes (request id, trace, sessions, the pipeline).
use crate::config::Config;
use crate::http::sessions::Store;
use app::state::AppState;
use axum::Router;
use axum::http::{HeaderName, Request};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context};
use std::net::SocketAddr;
use tower_http::request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;
use tower_sessions::SessionManagerLayer;
use tower_sessions::cookie::SameSite;

#[derive(Clone, Copy)]
struct UuidRequestId;

impl MakeRequestId for UuidRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        uuid::Uuid::new_v4().to_string().parse().ok().map(RequestId::new)
    }
}

pub(super) fn router(config: &Config, address: SocketAddr, state: AppState, store: Store, secure: bool) -> Router {
    let site = crate::http::site::Site::new(config, address);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(app::accounts::service::auth::RequestUser::default());
        }
    };
    let sessions = SessionManagerLayer::new(store)
        .with_name("quorum_session")
        .with_secure(secure)
        .with_http_only(true)
        .with_same_site(SameSite::Lax);
    let request_id = HeaderName::from_static("x-request-id");
    let pipeline = std::sync::Arc::new(crate::http::pipeline::Pipeline {
        state: state.clone(),
        pages: crate::http::page_cache::PageCache::default(),
        own_origin: crate::http::csrf::origin_of(&state.base_url),
        secure,
    });
    // At the error level, so the request's id is on every error line whatever the filter (a
    // deployment logging only warnings still finds the request of each failure).
    let trace = TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
        let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
        tracing::error_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
    });
    let plain = super::routes::TABLE.iter().flat_map(|list| list.iter());
    let router = plain
        .fold(Router::new(), |router, route| router.route(route.path, (route.handler)().with_state(state.clone())));
    let router = crate::http::site::with_pages(router, &site, context.clone())
        // With no page listed, leptos_axum routes only the server functions (`/api/…`).
        .leptos_routes_with_context(&site, Vec::new(), context.clone(), || ())
        // Counts the requests that reach a route; pages answered from the page cache before
        // routing are counted there (`page_cache_hits_total`).
        .route_layer(axum::middleware::from_fn(crate::http::metrics::track))
        .nest_service("/pkg", ServeDir::new(config.site_root.join("pkg")))
        .fallback(file_and_error_handler_with_context::<crate::http::site::Site, _>(context, |options| {
            app::shell(options, app::not_found)
        }))
        .layer(axum::middleware::from_fn(move |req, next| crate::http::pipeline::run(pipeline.clone(), req, next)))
        .layer(sessions)
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(trace)
        .layer(SetRequestIdLayer::new(request_id, UuidRequestId))
        .with_state(site);
    crate::http::security_headers::add(router, secure)
}
