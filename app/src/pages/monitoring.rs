//! The admin's monitoring page: charts drawn on the server as SVG (readable without JavaScript and
//! in a screenshot), each region's state, last error and incidents with the errors the poll saw
//! (which the public status page does not show), and every live meeting with End.
use super::room::api::EndMeeting;
use crate::accounts::ui::RequireAdmin;
use crate::i18n::{t, tf, use_lang};
use crate::monitoring::api::monitoring_overview;
use crate::monitoring::model::{LiveMeeting, Overview, RegionChart};
use crate::ui::FormError;
use crate::ui::address::query_param;
use leptos::prelude::*;

const W: f64 = 600.0;
const H: f64 = 150.0;
const LEFT: f64 = 40.0;
const TOP: f64 = 10.0;

#[component]
pub fn MonitoringPage() -> impl IntoView {
    let window = query_param("window").get_untracked();
    view! {
        <RequireAdmin children=move |_| {
            let page = crate::ui::awaited(async move {
                match crate::ui::read(monitoring_overview(window)).await {
                    Ok(overview) => view! { <Charts overview/> }.into_any(),
                    Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                }
            });
            view! {
                <crate::ui::PageHeading text=t("monitoring.title")/>
                {page}
            }
        }/>
    }
}

#[component]
fn Charts(overview: Overview) -> impl IntoView {
    let windows = ["24h", "7d", "30d"].map(|w| {
        let current = (w == overview.window).then_some("page");
        view! { <a href=format!("/admin/monitoring?window={w}") aria-current=current class="btn-small">{w}</a> " " }
    });
    view! {
        <p>{windows.into_iter().collect_view()}</p>
        <p class="hint">{t("monitoring.legend")} " " {overview.from.clone()} " – " {overview.to.clone()}</p>
        {overview.regions.into_iter().map(|r| view! { <RegionCard r/> }).collect_view()}
        <Meetings meetings=overview.meetings unlisted=overview.unlisted/>
    }
}

#[component]
fn RegionCard(r: RegionChart) -> impl IntoView {
    let max = r.points.iter().map(|p| p.1.max(p.2)).max().unwrap_or(0).max(1);
    let line = |pick: fn(&(i64, i64, i64)) -> i64| {
        r.points
            .iter()
            .map(|p| {
                let x = LEFT + (p.0 as f64 / r.span as f64) * (W - LEFT);
                let y = TOP + H - (pick(p) as f64 / max as f64) * H;
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (participants, meetings) = (line(|p| p.1), line(|p| p.2));
    let label = tf("monitoring.chart_label", &[("region", (&r.name).into()), ("highest", max.into())]);
    let lang = use_lang();
    view! {
        <section class="card" data-testid=format!("monitoring-{}", r.code)>
            <h2>
                {r.name.clone()} " "
                <span class=format!("badge state-{}", r.state.as_str()) data-testid="state">{crate::monitoring::ui::state_text(r.state)}</span>
                {r.demo.then(|| view! { " " <span class="badge badge-demo" data-testid="demo">{t("region.demo")}</span> })}
            </h2>
            // What the failure means in words first; then what the poll saw, for the admin to dig into.
            {r.last_reason.as_ref().map(|m| view! { <p data-testid="last-reason">{lang.msg(m)}</p> })}
            {r.last_error.clone().map(|e| view! { <p class="hint">{t("monitoring.last_error")} " " {e}</p> })}
            <svg viewBox=format!("0 0 {W} {}", H + TOP + 20.0) role="img" aria-label=label.clone() class="chart" data-testid="chart">
                <title>{label.clone()}</title>
                <line x1=LEFT y1=TOP + H x2=W y2=TOP + H stroke="#64748b"/>
                <line x1=LEFT y1=TOP x2=LEFT y2=TOP + H stroke="#64748b"/>
                <text x="0" y=TOP + 10.0 font-size="12">{max}</text>
                <text x="0" y=TOP + H font-size="12">"0"</text>
                <polyline points=participants fill="none" stroke="#0f766e" stroke-width="2"/>
                <polyline points=meetings fill="none" stroke="#b45309" stroke-width="2" stroke-dasharray="4 3"/>
                <text x=LEFT y=TOP + H + 16.0 font-size="12" fill="#0f766e">{t("monitoring.participants")}</text>
                <text x=LEFT + 140.0 y=TOP + H + 16.0 font-size="12" fill="#b45309">{t("monitoring.meetings")}</text>
            </svg>
            {(!r.incidents.is_empty()).then(|| view! {
                <ul data-testid="incident-details">
                    {r.incidents.iter().map(|i| view! {
                        <li>
                            {i.when.started.clone()} " – " {i.when.ended.clone().unwrap_or_else(|| t("status.ongoing").to_string())}
                            ": " <span class="hint">{i.error.clone()}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn Meetings(meetings: Vec<LiveMeeting>, unlisted: Vec<String>) -> impl IntoView {
    let end = ServerAction::<EndMeeting>::new();
    view! {
        <section class="card">
            <h2>{t("monitoring.live")}</h2>
            {(!unlisted.is_empty()).then(|| view! { <p class="warning" role="status">{tf("monitoring.unlisted", &[("regions", unlisted.join(", ").into())])}</p> })}
            {if meetings.is_empty() {
                view! { <p>{t("monitoring.no_meetings")}</p> }.into_any()
            } else {
                view! {
                    <table class="table" data-testid="live-meetings">
                        <thead><tr>
                            <th scope="col">{t("monitoring.meeting")}</th>
                            <th scope="col">{t("booking.region")}</th>
                            <th scope="col">{t("monitoring.owner")}</th>
                            <th scope="col">{t("monitoring.participants")}</th>
                            <th scope="col">{t("monitoring.since")}</th>
                            <th scope="col"><span class="sr-only">{t("meeting.end")}</span></th>
                        </tr></thead>
                        <tbody>
                            {meetings.into_iter().map(|m| view! {
                                <tr>
                                    <td data-label=t("monitoring.meeting")>{match &m.room_slug {
                                        Some(slug) => view! { <a href=format!("/r/{slug}")>{m.name.clone()}</a> }.into_any(),
                                        None => view! { <span>{m.name.clone()}</span> }.into_any(),
                                    }}</td>
                                    <td data-label=t("region.name")>{m.region.clone()}</td>
                                    <td data-label=t("monitoring.owner")>{m.owner.clone().unwrap_or_default()}</td>
                                    <td data-label=t("monitoring.participants")>{m.participants}</td>
                                    <td data-label=t("monitoring.since")>{m.since.clone()}</td>
                                    <td>{m.room_slug.clone().map(|slug| view! {
                                        <ActionForm action=end attr:class="inline">
                                            <input type="hidden" name="slug" value=slug/>
                                            <button type="submit" class="btn-small">{t("meeting.end")}</button>
                                        </ActionForm>
                                    })}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
