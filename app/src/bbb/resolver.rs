//! Name lookups for calls to regions: tokio's resolver, failing with an error of our own type, so a
//! name that does not resolve is told from the error's type, not by reading its text.
use std::net::SocketAddr;

#[derive(Debug, thiserror::Error)]
#[error("{host} does not resolve: {cause}")]
pub struct NotResolved {
    host: String,
    cause: std::io::Error,
}

pub struct Resolver;

impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let looked_up =
                tokio::net::lookup_host((host.as_str(), 0)).await.map(|found| found.collect::<Vec<SocketAddr>>());
            match looked_up {
                Ok(addrs) => Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs),
                Err(cause) => Err(Box::new(NotResolved { host, cause }) as Box<dyn std::error::Error + Send + Sync>),
            }
        })
    }
}
