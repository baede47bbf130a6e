//! The client's address, for rate limits and the security log. Behind reverse proxies the socket
//! peer is the proxy, and `X-Forwarded-For` holds the chain: each proxy appends the address it saw.
//! Only the entries written by proxies we trust are believed, read from the right: the first one
//! that is not a trusted proxy is the client. Whatever the client wrote itself sits to the left of
//! that and is never taken, so a new made-up value per request changes nothing.
use ipnet::IpNet;
use std::net::IpAddr;

/// The proxies (addresses or networks) whose `X-Forwarded-For` entries are believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses `"127.0.0.1, 10.0.0.0/8, ::1"`; an empty string trusts no proxy.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        let nets = list
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<IpNet>()
                    .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("`{s}` is not an IP address or network (like 10.0.0.0/8)"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TrustedProxies(nets))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client: the socket peer, unless it is a trusted proxy; then the rightmost forwarded
    /// entry that is not a trusted proxy (or the leftmost, when every entry is one).
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        if !self.trusts(peer) {
            return canonical(peer);
        }
        let mut client = canonical(peer);
        let hops = forwarded_for.iter().flat_map(|h| h.split(',')).map(str::trim).collect::<Vec<_>>();
        for hop in hops.into_iter().rev() {
            let Ok(ip) = hop.parse::<IpAddr>() else { return client };
            client = canonical(ip);
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

impl TrustedProxies {
    /// The client of a request that came from `peer` with these headers, as text.
    pub fn client_of(&self, peer: IpAddr, headers: &axum::http::HeaderMap) -> String {
        let forwarded: Vec<&str> = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
        self.client(peer, &forwarded).to_string()
    }
}

/// IPv4 addresses seen through an IPv6 socket (`::ffff:1.2.3.4`) are the same client.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn untrusted_peers_are_the_client_whatever_they_forward() {
        let none = TrustedProxies::parse("").unwrap();
        assert_eq!(none.client(ip("203.0.113.9"), &["1.2.3.4"]), ip("203.0.113.9"));
        let lb = TrustedProxies::parse("10.0.0.0/8").unwrap();
        assert_eq!(lb.client(ip("203.0.113.9"), &["1.2.3.4"]), ip("203.0.113.9"));
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        // The client wrote "6.6.6.6" itself; the proxy appended the address it saw.
        assert_eq!(proxies.client(ip("127.0.0.1"), &["6.6.6.6, 198.51.100.7"]), ip("198.51.100.7"));
        // Two proxies: the inner one's entry is skipped.
        assert_eq!(proxies.client(ip("127.0.0.1"), &["6.6.6.6", "198.51.100.7, 10.1.2.3"]), ip("198.51.100.7"));
        // No header: the proxy itself.
        assert_eq!(proxies.client(ip("127.0.0.1"), &[]), ip("127.0.0.1"));
        // Garbage stops the walk at the last good hop.
        assert_eq!(proxies.client(ip("127.0.0.1"), &["nonsense"]), ip("127.0.0.1"));
        assert_eq!(proxies.client(ip("::ffff:127.0.0.1"), &["198.51.100.7"]), ip("198.51.100.7"));
    }

    #[test]
    fn bad_entries_are_named() {
        assert!(TrustedProxies::parse("10.0.0.0/8, proxy.local").unwrap_err().contains("proxy.local"));
    }
}
