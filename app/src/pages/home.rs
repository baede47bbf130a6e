//! The front page and the signed-in member's dashboard.
use crate::accounts::model::Me;
use crate::accounts::ui::RequireUser;
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
    view! {
        <section class="hero">
            <crate::ui::PageHeading text=t("home.title")/>
            <p class="lead">{t("home.lead")}</p>
            {offer}
        </section>
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! { <RequireUser children=|me: Me| view! { <Dashboard me/> }/> }
}

/// The page, its parts read together in one future (see `RequireUser`).
#[component]
fn Dashboard(me: Me) -> impl IntoView {
    crate::ui::awaited(async move {
        // Each is read from what this process read within the second, so one after another.
        let down = crate::ui::read(crate::monitoring::api::my_regions_down()).await;
        let rooms = crate::ui::read(crate::rooms::api::list_rooms()).await;
        let regions = crate::ui::read(crate::regions::api::list_regions()).await;
        view! {
            <crate::ui::PageHeading text=t("dashboard.title") testid="dashboard-title"/>
            <p data-testid="dashboard-greeting">{tf("dashboard.welcome", &[("name", (&me.name).into())])}</p>
            <crate::monitoring::ui::DownBanner down=down.unwrap_or_default()/>
            <crate::rooms::ui::MyRooms rooms/>
            <section class="card">
                <h2>{t("region.compare")}</h2>
                <crate::regions::ui::RegionOffers regions=regions.unwrap_or_default()/>
            </section>
        }
    })
}
