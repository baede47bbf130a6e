//! Talking to providers: discovery (their endpoints and signing keys, from the issuer's
//! `/.well-known/openid-configuration`, kept an hour) and the client each sign-in uses. Every call
//! has a timeout and follows no redirect (a redirect would let a provider's answer send us
//! elsewhere).
use super::providers::{Configured, ProviderRecord};
use crate::clock::{Clock, Timestamp};
use crate::error::{AppError, AppResult, Msg};
use openidconnect::core::CoreClient;
use openidconnect::{
    ClientId, ClientSecret, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, ProviderMetadataWithLogout,
    RedirectUrl,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a provider's endpoints and keys are kept before they are read again. A signature that
/// does not verify drops them at once, so a provider's new key is found at the next sign-in.
const METADATA_SECONDS: i64 = 3600;

pub type Metadata = ProviderMetadataWithLogout;
/// A client built from discovery: its authorization endpoint is known, the token and user-info
/// endpoints may be.
pub type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// Single sign-on's part of the application state.
pub struct Sso {
    pub configured: Configured,
    http: openidconnect::reqwest::Client,
    clock: Clock,
    metadata: Mutex<HashMap<String, (Timestamp, Arc<Metadata>)>>,
    /// The key sign-in flows' cookies are signed with (`flow_cookie::key`).
    pub flow_key: tokio::sync::OnceCell<Arc<[u8]>>,
}

impl Sso {
    pub fn new(configured: Configured, clock: &Clock, timeout: Duration) -> Result<Sso, String> {
        let http = openidconnect::reqwest::Client::builder()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .timeout(timeout)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Sso {
            configured,
            http,
            clock: clock.clone(),
            metadata: Mutex::new(HashMap::new()),
            flow_key: tokio::sync::OnceCell::new(),
        })
    }

    pub fn http(&self) -> &openidconnect::reqwest::Client {
        &self.http
    }

    /// Drops what was read of `slug`'s provider (its settings changed, or its keys did).
    pub fn forget(&self, slug: &str) {
        if let Ok(mut kept) = self.metadata.lock() {
            kept.remove(slug);
        }
    }

    /// The provider's endpoints and keys, read at most once an hour.
    #[tracing::instrument(name = "sso.client.metadata", level = "error", skip_all)]
    pub async fn metadata(&self, provider: &ProviderRecord) -> AppResult<Arc<Metadata>> {
        let now = self.clock.now();
        let kept = self.metadata.lock().ok().and_then(|kept| kept.get(&provider.slug).cloned());
        if let Some((at, metadata)) = kept
            && now.since(at) < METADATA_SECONDS
        {
            return Ok(metadata);
        }
        let issuer = IssuerUrl::new(provider.issuer.clone()).map_err(|e| unreachable(provider, e))?;
        let metadata =
            Arc::new(Metadata::discover_async(issuer, &self.http).await.map_err(|e| unreachable(provider, e))?);
        if let Ok(mut kept) = self.metadata.lock() {
            kept.insert(provider.slug.clone(), (now, metadata.clone()));
        }
        Ok(metadata)
    }
}

/// The client for one sign-in, sending the member back to `base_url`'s callback for the provider.
pub fn client(provider: &ProviderRecord, metadata: &Metadata, base_url: &str) -> AppResult<Client> {
    let redirect = RedirectUrl::new(callback_url(base_url, &provider.slug)).map_err(AppError::internal)?;
    Ok(CoreClient::from_provider_metadata(
        metadata.clone(),
        ClientId::new(provider.client_id.clone()),
        Some(ClientSecret::new(provider.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

/// Where the provider sends the member back: registered with the provider as the redirect URI.
pub fn callback_url(base_url: &str, slug: &str) -> String {
    format!("{base_url}/auth/oidc/{slug}/callback")
}

/// A provider that could not be read: the cause in the log, a plain message for the member.
pub fn unreachable(provider: &ProviderRecord, e: impl std::error::Error) -> AppError {
    tracing::warn!(provider = %provider.slug, error = %chain(&e), "single sign-on: the provider did not answer as expected");
    AppError::Refused(Msg::new("sso.unreachable"))
}

/// An error with every cause it carries, for the log.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
