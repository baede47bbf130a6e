//! The front page.
use crate::i18n::t;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let offer = crate::ui::awaited(async move {
        match crate::ui::read(crate::accounts::api::get_me()).await {
            Ok(Some(_)) => view! { <a href="/dashboard" class="btn-primary">{t("nav.dashboard")}</a> }.into_any(),
            _ => view! {
                <a href="/signup" class="btn-primary">{t("nav.signup")}</a>
                " "
                <a href="/login" class="btn">{t("nav.login")}</a>
            }
            .into_any(),
        }
    });
    view! {
        <section class="hero">
            <crate::ui::PageHeading text=t("home.title")/>
            <p class="lead">{t("home.lead")}</p>
            {offer}
        </section>
    }
}
