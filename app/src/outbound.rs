//! Whether the portal may call an address an admin or the configuration gave it (a region's health
//! check, a webhook, a legacy import): a server-side request must not reach the portal's own
//! machine or the co-op's internal network unless the configuration says so
//! (`allow_internal_network`), as a region on the co-op's own LAN is a stated choice, not a default.
//! The host is resolved here and every address it resolves to is judged, since one internal
//! address is enough to reach inside. Callers check when the address is saved (a field error) and
//! again before each call (DNS can change); `pinned` then connects only to the addresses checked.
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// What the configuration allows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Policy {
    /// Loopback, private, link-local and shared (CGNAT) addresses may be called.
    pub allow_internal: bool,
}

/// Why an address may not be called. Its text names no address, so it may be shown to admins and
/// logged; `key` is the field error for a form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("refused: not an http:// or https:// address")]
    NotWeb,
    #[error("refused: the host name does not resolve")]
    Unresolved,
    #[error("refused: the address is on an internal network (allow_internal_network is off)")]
    Internal,
}

impl Refusal {
    /// The Fluent key of the field error, for the form that named the address.
    pub fn key(&self) -> &'static str {
        match self {
            Refusal::NotWeb => "field.api_url.invalid",
            Refusal::Unresolved => "field.url.unresolved",
            Refusal::Internal => "field.url.internal",
        }
    }
}

/// Checks `url` against `policy`: an http(s) address whose host resolves, and — unless internal
/// networks are allowed — only to public addresses. Returns the host and the addresses it
/// resolved to (none when internal networks are allowed: then nothing needs pinning).
pub async fn check(url: &str, policy: &Policy) -> Result<Checked, Refusal> {
    let parsed = url::Url::parse(url.trim()).map_err(|_| Refusal::NotWeb)?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Refusal::NotWeb);
    }
    let host = match parsed.host() {
        Some(url::Host::Domain(name)) => name.to_string(),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        None => return Err(Refusal::NotWeb),
    };
    let port = parsed.port_or_known_default().ok_or(Refusal::NotWeb)?;
    if policy.allow_internal {
        return Ok(Checked { host, addresses: Vec::new() });
    }
    let addresses: Vec<SocketAddr> =
        tokio::net::lookup_host((host.as_str(), port)).await.map_err(|_| Refusal::Unresolved)?.collect();
    if addresses.is_empty() {
        return Err(Refusal::Unresolved);
    }
    if addresses.iter().any(|a| is_internal(a.ip())) {
        return Err(Refusal::Internal);
    }
    Ok(Checked { host, addresses })
}

/// An address found callable: its host and what that resolved to when checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub host: String,
    pub addresses: Vec<SocketAddr>,
}

impl Checked {
    /// `builder` made to connect only to the addresses checked, so a name that resolves
    /// elsewhere a moment later (DNS rebinding) is not followed there.
    pub fn pinned(&self, builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
        if self.addresses.is_empty() { builder } else { builder.resolve_to_addrs(&self.host, &self.addresses) }
    }
}

/// Loopback, private (RFC 1918, fc00::/7), link-local (169.254/16, fe80::/10), unspecified,
/// broadcast, multicast, shared CGNAT (100.64/10), "this network" (0/8), IETF protocol (192.0.0/24),
/// benchmarking (198.18/15) and reserved (240/4) addresses, also when written as IPv4 inside IPv6
/// (mapped, compatible, NAT64 64:ff9b::/96, 6to4 2002::/16); Teredo (2001::/32) tunnels to an
/// address it hides, so it is refused whole.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => internal_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped().or_else(|| compatible_v4(v6)).or_else(|| embedded_v4(v6)) {
            Some(v4) => internal_v4(v4),
            None => internal_v6(v6),
        },
    }
}

/// The IPv4 address a NAT64 (`64:ff9b::a.b.c.d`) or 6to4 (`2002:aabb:ccdd::`) address reaches.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let o = ip.octets();
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6].iter().all(|x| *x == 0) {
        return Some(Ipv4Addr::new(o[12], o[13], o[14], o[15]));
    }
    (s[0] == 0x2002).then(|| Ipv4Addr::new(o[2], o[3], o[4], o[5]))
}

fn internal_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || a == 0
        || a >= 240
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && ip.octets()[2] == 0)
        || (a == 198 && (18..20).contains(&b))
}

fn internal_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || (first == 0x2001 && ip.segments()[1] == 0)
}

/// `::a.b.c.d` (deprecated IPv4-compatible form), which some stacks still route to IPv4.
fn compatible_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    (s[..6].iter().all(|x| *x == 0) && !ip.is_loopback() && !ip.is_unspecified()).then(|| {
        let [.., a, b, c, d] = ip.octets();
        Ipv4Addr::new(a, b, c, d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_ranges_are_known_and_public_ones_pass() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "240.0.0.1",
            "192.0.0.8",
            "198.18.0.1",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "2001:0:4136:e378::1",
            "255.255.255.255",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
        ] {
            assert!(is_internal(internal.parse().unwrap()), "{internal}");
        }
        let public = [
            "93.184.216.34",
            "100.128.0.1",
            "172.32.0.1",
            "2606:4700::1111",
            "::ffff:1.1.1.1",
            "64:ff9b::5db8:d822",
            "2002:5db8:d822::",
        ];
        for public in public {
            assert!(!is_internal(public.parse().unwrap()), "{public}");
        }
    }

    #[tokio::test]
    async fn loopback_names_and_literals_are_refused_unless_allowed() {
        let strict = Policy { allow_internal: false };
        for url in ["http://127.0.0.1:8080/health", "http://localhost/", "http://[::1]/x", "https://10.0.0.5/"] {
            assert_eq!(check(url, &strict).await, Err(Refusal::Internal), "{url}");
        }
        assert_eq!(check("ftp://example.org/", &strict).await, Err(Refusal::NotWeb));
        assert_eq!(check("not a url", &strict).await, Err(Refusal::NotWeb));
        let open = Policy { allow_internal: true };
        assert!(check("http://127.0.0.1:8080/health", &open).await.is_ok());
        assert_eq!(check("ftp://127.0.0.1/", &open).await, Err(Refusal::NotWeb));
    }
}
