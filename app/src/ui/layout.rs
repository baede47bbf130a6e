//! The page frame (header, navigation, main) and the gates of pages for members and admins.
use super::menu::{Reader, menu};
use crate::accounts::api::get_me;
use crate::accounts::model::Me;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let here = super::address::path();
    let lang = use_lang();
    let nav = crate::ui::awaited(async move {
        // The request's member is looked up once (`RequestUser`), whichever part asks first.
        let reader = match super::read(get_me()).await {
            Ok(Some(me)) if me.is_admin() => Reader::Admin,
            Ok(Some(_)) => Reader::Member,
            _ => Reader::Visitor,
        };
        view! { <nav aria-label=lang.t("nav.label") class="nav" inner_html=menu(lang, reader, &here)></nav> }
    });
    view! {
        <a href="#main" class="skip-link">{lang.t("nav.skip")}</a>
        <header class="site-header">{nav}</header>
        <main id="main" class="page" tabindex="-1">{children()}</main>
        <HydrationMark/>
    }
}

/// Marks `<body data-hydrated>` once the page's islands are awake (they wake in page order, and
/// this one is last): tests and scripts wait for it before they click a button that needs JavaScript.
#[island]
fn HydrationMark() -> impl IntoView {
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

/// Renders its children for a signed-in member, else sends the visitor to the login page.
/// The page is built once, in one future: a closure here would be called again while the server
/// renders (to find what to wait for, then to write), building the page and starting its queries
/// each time. Pages are islands-mode HTML, so nothing here needs to react afterwards.
#[component]
pub fn RequireUser<F, V>(children: F) -> impl IntoView
where
    F: FnOnce(Me) -> V + Send + 'static,
    V: IntoView + 'static,
{
    crate::ui::awaited(async move {
        match super::read(get_me()).await {
            Ok(Some(me)) => children(me).into_any(),
            Ok(None) => view! { <super::Redirect path="/login"/> }.into_any(),
            Err(e) => view! { <crate::ui::FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    })
}

/// Like [`RequireUser`], and refuses members who are not admins. The server checks again on every call.
#[component]
pub fn RequireAdmin<F, V>(children: F) -> impl IntoView
where
    F: FnOnce(Me) -> V + Send + 'static,
    V: IntoView + 'static,
{
    view! {
        <RequireUser children=move |me: Me| {
            if me.is_admin() {
                children(me).into_any()
            } else {
                view! { <p class="form-error" role="alert">{t("error.forbidden")}</p> }.into_any()
            }
        }/>
    }
}
