//! The sign-in flow between `sso/start` and the callback, kept in the visitor's browser as a
//! signed cookie rather than in a server-side session: pressing a provider's button writes no row
//! (300 anonymous starts used to leave 300 sessions behind). The cookie is signed with
//! HMAC-SHA256 under a key every portal process shares (a random key kept in `settings`, made
//! once), checked in constant time, sent only to the callback's path, `HttpOnly`, and lives as
//! long as a flow may ([`FLOW_SECONDS`], checked again by the portal's clock from `started`).
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The cookie's name.
pub const NAME: &str = "quorum_sso";
/// Only the callbacks receive it.
const PATH: &str = "/auth/oidc/";
/// The signing key's name in `settings`.
const KEY_SETTING: &str = "sso_flow_key";
/// How long a member may take at the provider before the flow is void.
pub const FLOW_SECONDS: i64 = 600;

/// One sign-in under way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    pub provider: String,
    pub state: String,
    pub nonce: String,
    pub verifier: String,
    pub started: i64,
    /// The signed-in member who started it: the identity is linked to them (their consent).
    pub member: Option<i64>,
}

type Signer = Hmac<Sha256>;

fn signer(key: &[u8]) -> AppResult<Signer> {
    Signer::new_from_slice(key).map_err(|e| AppError::internal(format_args!("flow key: {e}")))
}

/// The cookie's value: the flow and its signature.
pub fn seal(key: &[u8], flow: &Flow) -> AppResult<String> {
    let body = URL_SAFE_NO_PAD.encode(serde_json::to_vec(flow).map_err(AppError::internal)?);
    let mut mac = signer(key)?;
    mac.update(body.as_bytes());
    Ok(format!("{body}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())))
}

/// The flow in a cookie's value, when the signature is ours (compared in constant time).
pub fn open(key: &[u8], value: &str) -> Option<Flow> {
    let (body, signature) = value.split_once('.')?;
    let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
    let mut mac = signer(key).ok()?;
    mac.update(body.as_bytes());
    mac.verify_slice(&signature).ok()?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(body).ok()?).ok()
}

/// The `Set-Cookie` value that keeps `sealed` for the callback.
pub fn set(sealed: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{NAME}={sealed}; Path={PATH}; Max-Age={FLOW_SECONDS}; HttpOnly; SameSite=Lax{secure}")
}

/// The `Set-Cookie` value that drops the cookie: a flow completes once.
pub fn clear(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{NAME}=; Path={PATH}; Max-Age=0; HttpOnly; SameSite=Lax{secure}")
}

/// The cookie's value in a request's `Cookie` headers.
pub fn read(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == NAME)
        .map(|(_, value)| value.to_string())
}

/// The key every process signs flows with: read once, made by the first process that needs it.
#[tracing::instrument(name = "sso.flow_cookie.key", level = "error", skip_all)]
pub async fn key(ctx: &AppState) -> AppResult<std::sync::Arc<[u8]>> {
    ctx.sso
        .flow_key
        .get_or_try_init(|| async {
            let fresh = crate::accounts::service::tokens::new_token();
            let stored = crate::db::setting_or_insert(&ctx.pool, KEY_SETTING, &fresh).await?;
            Ok::<_, AppError>(std::sync::Arc::from(stored.into_bytes()))
        })
        .await
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow() -> Flow {
        Flow {
            provider: "coop".into(),
            state: "s".into(),
            nonce: "n".into(),
            verifier: "v".into(),
            started: 1,
            member: Some(7),
        }
    }

    #[test]
    fn a_flow_opens_only_under_its_key_and_unchanged() {
        let sealed = seal(b"key one", &flow()).unwrap();
        assert_eq!(open(b"key one", &sealed), Some(flow()));
        assert_eq!(open(b"key two", &sealed), None, "another key");
        let (body, signature) = sealed.split_once('.').unwrap();
        let mut forged = flow();
        forged.member = Some(1);
        let forged_body = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&forged).unwrap());
        assert_eq!(open(b"key one", &format!("{forged_body}.{signature}")), None, "a changed flow");
        assert_eq!(open(b"key one", body), None, "no signature");
        assert!(set(&sealed, true).contains("HttpOnly") && set(&sealed, true).ends_with("; Secure"));
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(axum::http::header::COOKIE, "a=1; quorum_sso=x.y; b=2".parse().unwrap());
        assert_eq!(read(&headers).as_deref(), Some("x.y"));
    }
}
