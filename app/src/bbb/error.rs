//! What can go wrong talking to a region, precisely enough to tell an admin what to fix.
use super::resolver::NotResolved;
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BbbError {
    #[error("the region's host name does not resolve: {0}")]
    Dns(String),
    #[error("the region refused or dropped the connection: {0}")]
    Connect(String),
    #[error("the TLS handshake with the region failed: {0}")]
    Tls(String),
    #[error("the region did not answer in time")]
    Timeout,
    #[error("the region answered HTTP {0}")]
    Status(u16),
    #[error("the region's answer could not be read: {0}")]
    Malformed(String),
    /// BBB answered `<returncode>FAILED</returncode>`.
    #[error("the region refused: {key} ({message})")]
    Failed { key: String, message: String },
}

impl BbbError {
    /// A short name of what went wrong, for metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            BbbError::Dns(_) => "dns",
            BbbError::Connect(_) => "connect",
            BbbError::Tls(_) => "tls",
            BbbError::Timeout => "timeout",
            BbbError::Status(_) => "http_status",
            BbbError::Malformed(_) => "malformed",
            BbbError::Failed { .. } => "failed",
        }
    }

    /// The `messageKey` of a FAILED answer.
    pub fn key(&self) -> Option<&str> {
        match self {
            BbbError::Failed { key, .. } => Some(key),
            _ => None,
        }
    }

    /// The region rejected our checksum: its secret or algorithm is misconfigured (an admin's problem).
    pub fn is_checksum_error(&self) -> bool {
        self.key() == Some("checksumError")
    }

    pub fn is_not_found(&self) -> bool {
        self.key() == Some("notFound")
    }

    /// The region could not be reached at all (as opposed to answering with a refusal).
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self,
            BbbError::Dns(_) | BbbError::Connect(_) | BbbError::Tls(_) | BbbError::Timeout | BbbError::Status(_)
        )
    }

    /// The address is dropped from the message: it carries a checksum that would let anyone
    /// replay the call, and the message reaches logs and the admin's page. The kind of failure is
    /// read from the types in the error's chain: our resolver's [`NotResolved`], a TLS error from
    /// rustls, or an I/O error of a connection kind.
    pub(crate) fn from_reqwest(e: reqwest::Error) -> BbbError {
        let e = e.without_url();
        let chain = chain_text(&e);
        if e.is_timeout() {
            return BbbError::Timeout;
        }
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        while let Some(s) = source {
            if s.is::<NotResolved>() {
                return BbbError::Dns(chain);
            }
            if is_tls(s) {
                return BbbError::Tls(chain);
            }
            source = s.source();
        }
        BbbError::Connect(chain)
    }
}

/// A rustls error, possibly inside I/O errors (which hide what they wrap from `source()`).
fn is_tls(e: &(dyn std::error::Error + 'static)) -> bool {
    if e.is::<rustls::Error>() {
        return true;
    }
    let inner = e.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref());
    inner.is_some_and(|inner| is_tls(inner))
}

fn chain_text(e: &dyn std::error::Error) -> String {
    let mut chain = Vec::new();
    let mut source = Some(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    chain.join(": ")
}
