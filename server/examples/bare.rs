//! The baselines of `bench/pages.sh`, on the same machine and runtime settings as the portal, so
//! page figures can be read as a share of them: a bare axum handler answering a small page (`/`),
//! and the least page Leptos serves the way the portal serves its pages (`/leptos`): the same
//! shell (hydration scripts for islands, meta tags) rendered whole by leptos_axum on an axum route,
//! with a title and one paragraph. The second shows what the framework itself costs a page.
//! `bare 127.0.0.1:3195`
use axum::Router;
use axum::response::Html;
use axum::routing::get;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};

fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <Least/>
            </body>
        </html>
    }
}

#[component]
fn Least() -> impl IntoView {
    provide_meta_context();
    view! { <Title text="bare"/><p>"Hello"</p> }
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let address = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:3195".to_string());
    any_spawner::Executor::init_tokio().map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind(&address).await.map_err(|e| format!("{address}: {e}"))?;
    let options = LeptosOptions::builder().output_name("bare").build();
    let app: Router = Router::new()
        .route("/", get(|| async { Html("<!doctype html><title>bare</title><p>Hello</p>") }))
        .route("/leptos", get(leptos_axum::render_app_async_with_context(|| (), move || shell(options.clone()))));
    axum::serve(listener, app).await.map_err(|e| e.to_string())
}
