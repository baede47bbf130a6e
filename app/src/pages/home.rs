//! The front page.
use crate::i18n::{t, tf};
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
    // The co-op's own welcome when its admins wrote one; else the standard lead, with its name.
    let brand = crate::ui::brand();
    let lead = brand.welcome.clone().unwrap_or_else(|| tf("home.lead", &[("site", brand.name.as_str().into())]));
    view! {
        <section class="hero">
            <crate::ui::PageHeading text=t("home.title")/>
            <p class="lead" data-testid="welcome">{lead}</p>
            {offer}
        </section>
    }
}
