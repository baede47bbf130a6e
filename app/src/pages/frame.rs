//! The page frame: header (the co-op's name and logo, the navigation for a visitor, a member or an
//! admin), main, and a footer with the co-op's legal and help links.
use super::menu::{Reader, menu};
use crate::accounts::api::get_me;
use crate::i18n::use_lang;
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let here = crate::ui::address::path();
    let lang = use_lang();
    let nav = crate::ui::awaited(async move {
        // The request's member is looked up once (`RequestUser`), whichever part asks first.
        let reader = match crate::ui::read(get_me()).await {
            Ok(Some(me)) if me.is_admin() => Reader::Admin,
            Ok(Some(_)) => Reader::Member,
            _ => Reader::Visitor,
        };
        view! { <nav aria-label=lang.t("nav.label") class="nav" inner_html=menu(lang, reader, &here)></nav> }
    });
    let brand = crate::ui::brand();
    let accent = crate::ui::brand::accent_rule(&brand);
    view! {
        {accent.map(|rule| view! { <style>{rule}</style> })}
        <a href="#main" class="skip-link">{lang.t("nav.skip")}</a>
        <header class="site-header">
            <div class="header-bar">
                <a href="/" class="brand">
                    {brand.logo.clone().map(|src| view! { <img src=src alt="" class="brand-logo"/> })}
                    {brand.name.clone()}
                </a>
                {nav}
            </div>
        </header>
        <main id="main" class="page" tabindex="-1">
            <crate::regions::ui::MaintenanceBanner/>
            <crate::site::ui::Banners/>
            {children()}
        </main>
        {(!brand.links.is_empty()).then(|| view! {
            <footer class="site-footer">
                <ul aria-label=lang.t("legal.label")>
                    {brand.links.iter().map(|(kind, href)| view! {
                        <li><a href=href.clone()>{lang.t(&format!("legal.{kind}"))}</a></li>
                    }).collect_view()}
                </ul>
            </footer>
        })}
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
