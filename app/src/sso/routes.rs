//! Single sign-on's plain route, `GET /auth/oidc/{slug}/callback`: where a provider sends the member
//! back with a code (or an error). The flow is finished by `service::flow`; this only turns its
//! outcome into where the browser goes next. A refusal goes back to the login page naming what
//! went wrong (`/login?sso=<message key>`, only keys of our own messages); the cause is in the log.
//! Every answer drops the flow's cookie: a browser completes a flow once.
use super::service::flow::{self, Callback, Returned};
use super::service::flow_cookie;
use super::service::identities::Outcome;
use crate::edge::{Route, log_internal};
use crate::state::AppState;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::net::SocketAddr;
use tower_sessions::Session;

pub const ROUTES: &[Route] = &[Route { path: "/auth/oidc/{slug}/callback", handler: || get(callback) }];

async fn callback(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(answer): Query<Callback>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    session: Session,
) -> Response {
    let address = state.proxies.client_of(peer.ip(), &headers);
    let lang = crate::i18n::lang_of_headers(&headers);
    let cookie = flow_cookie::read(&headers);
    let returned = Returned { slug: &slug, answer, cookie: cookie.as_deref() };
    let dropped = flow_cookie::clear(state.base_url.starts_with("https://"));
    let mut response = match flow::complete(&state, &session, returned, &address, lang).await {
        Ok(Outcome::SignedIn { language }) => {
            let cookie = format!("{}={language}; Path=/; SameSite=Lax; Max-Age=31536000", crate::i18n::LANG_COOKIE);
            ([(header::SET_COOKIE, cookie)], Redirect::to("/dashboard")).into_response()
        }
        Ok(Outcome::Pending) => Redirect::to("/login?sso=login.pending").into_response(),
        Ok(Outcome::LinkMailed) => Redirect::to("/login?sso=sso.link_mailed").into_response(),
        Ok(Outcome::Linked) => Redirect::to("/profile?saved=sso").into_response(),
        Err(e) => {
            log_internal(&e);
            Redirect::to(&format!("/login?sso={}", e.message().key)).into_response()
        }
    };
    if let Ok(value) = header::HeaderValue::from_str(&dropped) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
