//! The public status page: each region up or down, how fast it answers, how busy it is (a band of
//! its capacity), what it offers, its incidents of the last 30 days and its uptime. What the poll
//! saw (errors, bodies, counts) is on the admins' monitoring page only.
use super::api::service_status;
use super::model::{HealthState, LoadBand, RegionStatus};
use crate::i18n::{t, tf};
use crate::ui::FormError;
use leptos::prelude::*;

/// Built once, in one future (see `RequireUser`).
#[component]
pub fn StatusPage() -> impl IntoView {
    let page = crate::ui::awaited(async move {
        match crate::ui::read(service_status()).await {
            Ok(regions) if regions.is_empty() => view! { <p>{t("status.no_regions")}</p> }.into_any(),
            Ok(regions) => view! {
                <table class="table" data-testid="status">
                    <caption class="sr-only">{t("status.title")}</caption>
                    <thead><tr>
                        <th scope="col">{t("region.name")}</th>
                        <th scope="col">{t("status.state")}</th>
                        <th scope="col">{t("status.latency")}</th>
                        <th scope="col">{t("status.load")}</th>
                        <th scope="col">{t("status.offers")}</th>
                        <th scope="col">{t("status.uptime")}</th>
                    </tr></thead>
                    <tbody>{regions.iter().map(row).collect_view()}</tbody>
                </table>
                {regions.into_iter().map(incidents).collect_view()}
            }
            .into_any(),
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    });
    view! {
        <crate::ui::PageHeading text=t("status.title")/>
        <p class="hint">{t("status.intro")}</p>
        <crate::regions::ui::PlannedMaintenance/>
        {page}
    }
}

/// Each state has its own word, and its own class (`state-up`, `state-down`, `state-unknown`): a
/// colour and a border and sign of its own (style/tailwind.css), so no state is told by colour alone.
pub fn state_text(state: HealthState) -> &'static str {
    match state {
        HealthState::Up => t("status.up"),
        HealthState::Down => t("status.down"),
        HealthState::Unknown => t("status.unknown"),
    }
}

fn percent(tenths: Option<i64>) -> String {
    tenths.map_or_else(|| "–".to_string(), |p| crate::ui::percent(crate::i18n::use_lang(), p))
}

fn row(r: &RegionStatus) -> impl IntoView + use<> {
    let load = match r.load {
        LoadBand::Unknown => t("status.load_unknown"),
        LoadBand::Quiet => t("status.load_quiet"),
        LoadBand::Busy => t("status.load_busy"),
        LoadBand::Full => t("status.load_full"),
    };
    let offers = format!(
        "{} · {}",
        if r.recording { t("status.records") } else { t("region.no_recording") },
        if r.max_meeting > 0 {
            tf("status.largest", &[("max", r.max_meeting.into())])
        } else {
            t("region.no_limit").to_string()
        }
    );
    view! {
        <tr data-testid=format!("status-{}", r.code)>
            <th scope="row">
                {r.name.clone()}
                {r.demo.then(|| view! { " " <span class="badge badge-demo" data-testid="demo">{t("region.demo")}</span> })}
            </th>
            <td data-label=t("status.state")><span class=format!("badge state-{}", r.state.as_str()) data-testid="state">{state_text(r.state)}</span></td>
            <td data-label=t("status.latency")>{r.latency_ms.map(|ms| format!("{ms} ms")).unwrap_or_else(|| "–".into())}</td>
            <td data-label=t("status.load") data-testid="load">{load}</td>
            <td data-label=t("status.offers")>{offers}</td>
            <td data-label=t("status.uptime")>{percent(r.uptime_30)} " / " {percent(r.uptime_90)}</td>
        </tr>
    }
}

fn incidents(r: RegionStatus) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{tf("status.incidents", &[("region", (&r.name).into())])}</h2>
            {if r.incidents.is_empty() {
                view! { <p>{t("status.no_incidents")}</p> }.into_any()
            } else {
                view! {
                    <ul data-testid=format!("incidents-{}", r.code)>
                        {r.incidents.into_iter().map(|i| view! {
                            <li>
                                {i.started} " – " {i.ended.unwrap_or_else(|| t("status.ongoing").to_string())}
                                ": " <span class="hint">{t("status.incident_seen")}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// On the dashboard, while regions holding the member's rooms (`down`) are down.
#[component]
pub fn DownBanner(down: Vec<String>) -> impl IntoView {
    (!down.is_empty()).then(|| {
        view! {
            <div class="warning" role="alert" data-testid="region-down-banner">
                {tf("status.banner", &[("regions", down.join(", ").into())])} " "
                <a href="/status">{t("status.banner_link")}</a>
            </div>
        }
    })
}
