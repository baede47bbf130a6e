//! What the page renderer needs of the site: Leptos' options (where the compiled site lies, its
//! name), and the routes of the pages.
use crate::config::Config;
use app::ui::address::RouteParams;
use axum::Router;
use axum::extract::{FromRef, RawPathParams, Request};
use axum::routing::get;
use leptos::config::{Env, LeptosOptions};
use leptos_axum::render_app_async_with_context;
use std::net::SocketAddr;
use std::sync::Arc;

/// The router's state. leptos_axum puts the router's state into the context of every server
/// function it serves; the options are six shared strings, so cloning them there cost a
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

/// Routes every page of `app::PAGES` to its handler: the page rendered whole in the shell
/// (`SsrMode::Async`), with `context` (the portal's state) and the route's named parts, which
/// the page reads through `app::ui::address`.
pub fn with_pages(
    router: Router<Site>,
    site: &Site,
    context: impl Fn() + Clone + Send + Sync + 'static,
) -> Router<Site> {
    app::PAGES.iter().fold(router, |router, page| {
        let (options, view) = (site.options().clone(), page.view);
        let render = render_app_async_with_context(context.clone(), move || app::shell(options.clone(), view));
        router.route(
            page.path,
            get(move |params: RawPathParams, mut request: Request| {
                let params = params.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect();
                request.extensions_mut().insert(RouteParams(params));
                render(request)
            }),
        )
    })
}

/// The paths of every page, as the router serves them (`/r/{slug}`).
pub fn page_paths() -> Vec<String> {
    app::PAGES.iter().map(|page| page.path.to_string()).collect()
}
