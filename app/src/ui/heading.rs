//! A page's main heading and its title in the browser's tab: "Log in · Riverside Co-op", and "Error:
//! Log in · Riverside Co-op" (the co-op's own name) while a refused form is on the page, so a screen reader says where the member is and
//! whether their form went through. Focus starts on the heading after a navigation; after a refused
//! form it starts on the first wrong field (or the form's message) instead.
use crate::i18n::tf;
use leptos::prelude::*;
use leptos_meta::Title;

/// Whether this page shows a form the server refused.
pub fn refused_form() -> bool {
    super::typed::carried().is_some()
}

#[component]
pub fn PageHeading(#[prop(into)] text: String, #[prop(optional)] testid: &'static str) -> impl IntoView {
    let refused = refused_form();
    let title = tf(
        if refused { "page.title_refused" } else { "page.title" },
        &[("page", text.as_str().into()), ("site", super::site_name().into())],
    );
    view! {
        <Title text=title/>
        <h1 tabindex="-1" autofocus=!refused data-testid=(!testid.is_empty()).then_some(testid)>{text}</h1>
    }
}
