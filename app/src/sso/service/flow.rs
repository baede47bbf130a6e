//! One sign-in through a provider: the authorization-code flow with PKCE. `begin` keeps the flow's
//! state, nonce and PKCE verifier in a signed cookie (`flow_cookie`: no session row for a visitor
//! who only presses a button) and sends them to the provider; `complete` reads the flow from the
//! cookie (the callback drops it, so a browser completes a flow once), checks the state in
//! constant time, trades the code for tokens, verifies the ID token's signature against
//! the provider's keys, its issuer, audience, expiry (by our clock) and nonce, and hands the
//! verified identity to `identities`.
use super::client::{self, chain};
use super::flow_cookie::{self, FLOW_SECONDS, Flow};
use super::identities::{self, Identity, Outcome, SignedIn};
use super::providers::{self, ProviderRecord};
use crate::clock::Timestamp;
use crate::error::{AppError, AppResult, Msg};
use crate::i18n::Lang;
use crate::security_log::{self, Event};
use crate::state::AppState;
use openidconnect::core::CoreAuthenticationFlow;
use openidconnect::{
    AccessTokenHash, AuthorizationCode, CsrfToken, LanguageTag, LogoutRequest, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, Scope, TokenResponse,
};
use serde::Deserialize;
use tower_sessions::Session;

/// What the provider sent back to the callback.
#[derive(Debug, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

fn refused(key: &str) -> AppError {
    AppError::Refused(Msg::new(key))
}

/// Starts a sign-in for `member` (the signed-in member pressing the button, if any): the
/// provider's authorization address, where the browser goes next, and the flow's `Set-Cookie`.
#[tracing::instrument(name = "sso.flow.begin", level = "error", skip_all)]
pub async fn begin(ctx: &AppState, member: Option<i64>, slug: &str, lang: Lang) -> AppResult<(String, String)> {
    let provider = providers::get(ctx, slug).await?.ok_or(AppError::NotFound)?;
    let metadata = ctx.sso.metadata(&provider).await?;
    let client = client::client(&provider, &metadata, &ctx.base_url)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request =
        client.authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random);
    // The library always asks for `openid`.
    for scope in provider.scope_list().into_iter().filter(|s| s != "openid") {
        request = request.add_scope(Scope::new(scope));
    }
    let (url, state, nonce) =
        request.set_pkce_challenge(challenge).add_ui_locale(LanguageTag::new(lang.code().to_string())).url();
    let flow = Flow {
        provider: provider.slug,
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
        started: ctx.clock.now().secs(),
        member,
    };
    let sealed = flow_cookie::seal(&flow_cookie::key(ctx).await?, &flow)?;
    Ok((url.to_string(), flow_cookie::set(&sealed, ctx.base_url.starts_with("https://"))))
}

/// What the callback received: the provider's answer and the flow's cookie.
pub struct Returned<'a> {
    pub slug: &'a str,
    pub answer: Callback,
    pub cookie: Option<&'a str>,
}

/// Finishes a sign-in from the provider's answer. The caller drops the flow's cookie whatever
/// this answers, so a browser cannot complete the flow a second time.
#[tracing::instrument(name = "sso.flow.complete", level = "error", skip_all)]
pub async fn complete(
    ctx: &AppState,
    session: &Session,
    returned: Returned<'_>,
    address: &str,
    lang: Lang,
) -> AppResult<Outcome> {
    let Returned { slug, answer, cookie } = returned;
    let key = flow_cookie::key(ctx).await?;
    let flow = cookie.and_then(|c| flow_cookie::open(&key, c)).filter(|f| f.provider == slug);
    let Some(flow) = flow else { return Err(refused("sso.expired")) };
    if ctx.clock.now().since(Timestamp::from_secs(flow.started)) > FLOW_SECONDS {
        return Err(refused("sso.expired"));
    }
    if !answer.state.as_deref().is_some_and(|s| crate::secrets::same(s, &flow.state)) {
        let event = Event { kind: "sso.state_mismatch", subject: slug, address, ..Default::default() };
        security_log::record(&ctx.pool, &ctx.clock, event).await?;
        return Err(refused("sso.state"));
    }
    if let Some(error) = answer.error {
        tracing::info!(provider = %slug, %error, "single sign-on: the provider refused");
        return Err(refused(if error == "access_denied" { "sso.denied" } else { "sso.provider_error" }));
    }
    let code = answer.code.ok_or_else(|| refused("sso.provider_error"))?;
    let provider = providers::get(ctx, slug).await?.ok_or(AppError::NotFound)?;
    // Only the member who started this sign-in, still signed in here, links it to their account.
    let member = match flow.member {
        Some(id) => crate::accounts::service::auth::member_of(ctx, session).await?.filter(|u| u.id == id),
        None => None,
    };
    let identity = verified_identity(ctx, &provider, code, flow).await.inspect_err(|e| {
        if matches!(e, AppError::Refused(m) if m.key == "sso.bad_token") {
            // A new signing key at the provider: read its keys again at the next sign-in.
            ctx.sso.forget(slug);
        }
    })?;
    identities::resolve(ctx, session, &identity, member, address, lang).await
}

/// Trades the code for tokens and returns who the provider vouches for.
async fn verified_identity(ctx: &AppState, provider: &ProviderRecord, code: String, flow: Flow) -> AppResult<Identity> {
    let metadata = ctx.sso.metadata(provider).await?;
    let client = client::client(provider, &metadata, &ctx.base_url)?;
    let http = ctx.sso.http();
    let token = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| client::unreachable(provider, e))?
        .set_pkce_verifier(PkceCodeVerifier::new(flow.verifier))
        .request_async(http)
        .await
        .map_err(|e| {
            // A code used twice, too old, or not for this client: the provider says no.
            tracing::warn!(provider = %provider.slug, error = %chain(&e), "single sign-on: the code was refused");
            refused("sso.code_refused")
        })?;
    let id_token = token.id_token().ok_or_else(|| bad_token(provider, "no ID token in the answer"))?;
    let clock = ctx.clock.clone();
    let verifier = client.id_token_verifier().set_time_fn(move || to_utc(clock.now()));
    let claims = id_token.claims(&verifier, &Nonce::new(flow.nonce)).map_err(|e| bad_token(provider, chain(&e)))?;
    if let Some(expected) = claims.access_token_hash() {
        let (alg, key) = (
            id_token.signing_alg().map_err(|e| bad_token(provider, e))?,
            id_token.signing_key(&verifier).map_err(|e| bad_token(provider, e))?,
        );
        let actual = AccessTokenHash::from_token(token.access_token(), alg, key).map_err(|e| bad_token(provider, e))?;
        if actual != *expected {
            return Err(bad_token(provider, "the access token's hash does not match"));
        }
    }
    let mut identity = Identity {
        provider: provider.slug.clone(),
        label: provider.label.clone(),
        issuer: provider.issuer.clone(),
        subject: claims.subject().to_string(),
        email: claims.email().map(|e| e.to_string()),
        verified: claims.email_verified().unwrap_or(false),
        name: claims.name().and_then(|n| n.get(None)).map(|n| n.to_string()),
        id_token: id_token.to_string(),
    };
    // Many providers put the email only in the user-info answer (as the spec has it for this flow).
    if identity.email.is_none()
        && let Ok(request) = client.user_info(token.access_token().clone(), Some(claims.subject().clone()))
    {
        let info: openidconnect::core::CoreUserInfoClaims =
            request.request_async(http).await.map_err(|e| client::unreachable(provider, e))?;
        identity.email = info.email().map(|e| e.to_string());
        identity.verified = info.email_verified().unwrap_or(false);
        identity.name = identity.name.or_else(|| info.name().and_then(|n| n.get(None)).map(|n| n.to_string()));
    }
    Ok(identity)
}

/// Where to send a member who signed in through a provider, to sign out there as well (RP-initiated
/// logout): the provider's end-session address with their ID token as the hint, coming back to the
/// portal's home. None when the provider offers no such address or cannot be read now: signing out
/// here never waits on a provider.
#[tracing::instrument(name = "sso.flow.sign_out_url", level = "error", skip_all)]
pub async fn sign_out_url(ctx: &AppState, signed_in: SignedIn) -> Option<String> {
    let provider = providers::get(ctx, &signed_in.provider).await.ok()??;
    let metadata = ctx.sso.metadata(&provider).await.ok()?;
    let end = metadata.additional_metadata().end_session_endpoint.clone()?;
    let back = PostLogoutRedirectUrl::new(format!("{}/", ctx.base_url)).ok()?;
    let hint: openidconnect::core::CoreIdToken = signed_in.id_token.parse().ok()?;
    let request = LogoutRequest::from(end).set_id_token_hint(&hint).set_post_logout_redirect_uri(back);
    Some(request.http_get_url().to_string())
}

fn bad_token(provider: &ProviderRecord, why: impl std::fmt::Display) -> AppError {
    tracing::warn!(provider = %provider.slug, error = %why, "single sign-on: the ID token did not verify");
    refused("sso.bad_token")
}

fn to_utc(at: Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(at.secs(), 0).unwrap_or_default()
}
