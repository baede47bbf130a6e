//! The legacy database's address under the portal's rule for server-side connections
//! (`crate::outbound`, shared with health checks and webhooks): one that is this machine (a Unix
//! socket included) or resolves to a loopback, private or link-local address is refused unless the
//! configuration allows the internal network (`allow_internal_network`). A Greenlight database on
//! the co-op's own LAN is the usual case, so the refusal says how to allow it.
use crate::outbound::{self, Refusal};
use crate::state::AppState;
use sqlx::postgres::{PgConnectOptions, PgSslMode};
use std::net::IpAddr;
use std::str::FromStr;

/// Where to connect: the address as given, pinned to the address it was checked at when it has
/// one (so a name that resolves elsewhere a moment later is not followed there).
#[tracing::instrument(name = "legacy.address.checked", level = "error", skip_all)]
pub async fn checked(ctx: &AppState, url: &str) -> Result<PgConnectOptions, &'static str> {
    let options = PgConnectOptions::from_str(url).map_err(|_| "legacy.url.invalid")?;
    // What sqlx connects to: a Unix socket (this machine), else the host and port.
    if options.get_socket().is_some() || options.get_host().starts_with('/') {
        return if ctx.outbound.allow_internal { Ok(options) } else { Err("legacy.url.internal") };
    }
    let host = options.get_host().trim_start_matches('[').trim_end_matches(']');
    // ADAPTER: `outbound::check` judges web addresses; the database's host and port are written as
    // one so that the same rule, with the same resolution, judges them.
    let web = match host.parse::<IpAddr>() {
        Ok(IpAddr::V6(ip)) => format!("http://[{ip}]:{}/", options.get_port()),
        _ => format!("http://{host}:{}/", options.get_port()),
    };
    match outbound::check(&web, &ctx.outbound).await {
        // verify-full checks the server's certificate against the name: that one stays a name.
        Ok(found) => Ok(match found.addresses.first() {
            Some(at) if !matches!(options.get_ssl_mode(), PgSslMode::VerifyFull) => options.host(&at.ip().to_string()),
            _ => options,
        }),
        Err(Refusal::Internal) => Err("legacy.url.internal"),
        Err(Refusal::Unresolved) => Err("legacy.url.unresolved"),
        Err(Refusal::NotWeb) => Err("legacy.url.invalid"),
    }
}
