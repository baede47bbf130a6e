//! What the page renderer needs of the site: Leptos' options (where the compiled site lies, its
//! name) and the list of page routes, each made once per process.
use crate::config::Config;
use app::App;
use axum::extract::FromRef;
use leptos::config::{Env, LeptosOptions};
use leptos_axum::{AxumRouteListing, generate_route_list};
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

/// The router's state. leptos_axum puts the router's state into the context of every page and
/// server function it serves; the options are six shared strings, so cloning them there cost a
/// few percent of a signed-in page. Shared behind one `Arc`, that is one increment.
#[derive(Clone)]
pub struct Site(Arc<LeptosOptions>);

impl FromRef<Site> for LeptosOptions {
    fn from_ref(site: &Site) -> LeptosOptions {
        LeptosOptions::clone(&site.0)
    }
}

impl Site {
    pub fn new(config: &Config, address: SocketAddr) -> Site {
        let env = match std::env::var("LEPTOS_ENV").as_deref() {
            Ok("DEV") | Ok("dev") => Env::DEV,
            _ => Env::PROD,
        };
        let options = LeptosOptions::builder()
            .output_name(std::env::var("LEPTOS_OUTPUT_NAME").unwrap_or_else(|_| "quorum".into()))
            .site_root(config.site_root.to_string_lossy().to_string())
            .site_pkg_dir("pkg")
            .site_addr(address)
            .env(env)
            .build();
        Site(Arc::new(options))
    }

    pub fn options(&self) -> &LeptosOptions {
        &self.0
    }
}

/// The page routes, listed once per process. Listing runs the app with resource loading switched off
/// by a process-wide flag, so listing again while another instance serves (tests run many) would leave
/// that instance's pages waiting forever on a resource that never loads.
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The paths of every page, as the router serves them (`/r/{slug}`).
pub fn page_paths() -> Vec<String> {
    route_list().iter().map(|r| r.path().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tracing::{Level, Subscriber};
    use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

    /// Counts the errors logged while it is the subscriber.
    struct Errors(Arc<AtomicUsize>);

    impl<S: Subscriber> Layer<S> for Errors {
        fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
            if *event.metadata().level() == Level::ERROR {
                self.0.fetch_add(1, Ordering::SeqCst);
            }
        }
    }

    /// Listing the routes at start renders the app without a request or the portal's state; no part
    /// of it may try to read then, or every start would log an error an admin can do nothing about.
    #[test]
    fn listing_the_routes_logs_no_error() {
        let errors = Arc::new(AtomicUsize::new(0));
        let subscriber = tracing_subscriber::registry().with(Errors(errors.clone()));
        let routes = tracing::subscriber::with_default(subscriber, || leptos_axum::generate_route_list(app::App));
        assert!(routes.iter().any(|r| r.path() == "/dashboard"), "the listing holds the pages");
        assert_eq!(errors.load(Ordering::SeqCst), 0, "errors were logged while listing the routes");
    }
}
