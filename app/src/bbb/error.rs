//! What can go wrong talking to a region, precisely enough to tell an admin what to fix.
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
    /// replay the call, and the message reaches logs and the admin's page.
    pub(crate) fn from_reqwest(e: reqwest::Error) -> BbbError {
        let e = e.without_url();
        let mut chain = String::new();
        let mut source: Option<&dyn std::error::Error> = Some(&e);
        while let Some(s) = source {
            chain.push_str(&s.to_string());
            chain.push_str(": ");
            source = s.source();
        }
        let chain = chain.trim_end_matches(": ").to_string();
        let lower = chain.to_lowercase();
        if e.is_timeout() {
            BbbError::Timeout
        } else if lower.contains("dns error") || lower.contains("failed to lookup address") {
            BbbError::Dns(chain)
        } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake") {
            BbbError::Tls(chain)
        } else {
            BbbError::Connect(chain)
        }
    }
}
