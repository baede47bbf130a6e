//! The HTML document around every page: its head, the content security policy, the frame.
use super::frame::Layout;
use crate::i18n::provide_lang;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, provide_meta_context};

/// The whole HTML document of `page`. Every page is sent whole (`SsrMode::Async`), so it reads, and
/// its forms work, without JavaScript.
pub fn shell(options: LeptosOptions, page: fn() -> AnyView) -> impl IntoView {
    let lang = provide_lang();
    #[cfg(feature = "ssr")]
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App page/>
            </body>
        </html>
    }
}

/// Scripts run only from our own origin or inline with this answer's nonce (the hydration and
/// resource scripts Leptos writes carry it); WebAssembly may compile; no plugins; no `<base>`.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    use leptos::nonce::use_nonce;
    if let (Some(nonce), Some(response)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
        && let Ok(value) = axum::http::HeaderValue::from_str(&crate::edge::page_policy(&nonce))
    {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App(page: fn() -> AnyView) -> impl IntoView {
    provide_meta_context();
    // On the server the shell has put the request's language in context already.
    #[cfg(not(feature = "ssr"))]
    provide_lang();
    view! {
        <Stylesheet id="leptos" href="/pkg/quorum.css"/>
        <Layout>{page()}</Layout>
    }
}
