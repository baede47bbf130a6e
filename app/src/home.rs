//! The front page and the signed-in member's dashboard.
use crate::accounts::model::Me;
use crate::i18n::t;
use crate::ui::{RequireUser, use_auth};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <section class="hero">
            <h1>{t("home.title")}</h1>
            <p class="lead">{t("home.lead")}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match auth.me.await {
                        Ok(Some(_)) => view! { <A href="/dashboard" attr:class="btn-primary">{t("nav.dashboard")}</A> }.into_any(),
                        _ => view! {
                            <A href="/signup" attr:class="btn-primary">{t("nav.signup")}</A>
                            " "
                            <A href="/login" attr:class="btn">{t("nav.login")}</A>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! { <RequireUser children=|me: Me| view! { <Dashboard me/> }/> }
}

#[component]
fn Dashboard(me: Me) -> impl IntoView {
    view! {
        <h1 data-testid="dashboard-title">{t("dashboard.title")}</h1>
        <p data-testid="dashboard-greeting">{t("dashboard.welcome").replace("{}", &me.name)}</p>
        <crate::rooms::ui::MyRooms/>
        <section class="card">
            <h2>{t("region.compare")}</h2>
            <crate::regions::ui::RegionComparison/>
        </section>
    }
}
