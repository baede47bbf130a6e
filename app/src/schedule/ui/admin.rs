//! `/admin/schedule`: the events waiting for a decision (approve or decline, with a message to the
//! member), and each region's reserved capacity over the coming four weeks, drawn on the server.
use crate::accounts::ui::RequireAdmin;
use crate::i18n::{t, tf};
use crate::schedule::api::{Decide, admin_schedule_data};
use crate::schedule::model::{BookingView, CapacityChart};
use crate::ui::{FormError, form_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

const W: f64 = 700.0;
const H: f64 = 160.0;
const LEFT: f64 = 44.0;
const TOP: f64 = 10.0;

#[component]
pub fn AdminSchedulePage() -> impl IntoView {
    view! {
        <RequireAdmin children=move |_| {
            let page = crate::ui::awaited(async move {
                match crate::ui::read(admin_schedule_data()).await {
                    Ok(data) => view! {
                        <Waiting events=data.waiting/>
                        {data.charts.into_iter().map(|chart| view! { <Chart chart/> }).collect_view()}
                    }.into_any(),
                    Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                }
            });
            view! {
                <crate::ui::PageHeading text=t("schedule.admin_title")/>
                <crate::ui::Notice flags=&[("approved", "schedule.approved_notice"), ("declined", "schedule.declined_notice")]/>
                {page}
            }
        }/>
    }
}

#[component]
fn Waiting(events: Vec<BookingView>) -> impl IntoView {
    let action = ServerAction::<Decide>::new();
    let error = form_error(action);
    view! {
        <section class="card">
            <h2>{t("schedule.waiting")}</h2>
            <FormError error/>
            {events.is_empty().then(|| view! { <p>{t("schedule.none_waiting")}</p> })}
            {events.into_iter().map(|e| {
                let note_id = format!("f-note-{}", e.id);
                view! {
                    <form method="post" action={<Decide as ServerFn>::PATH} class="decision" data-testid="decision">
                        <p>
                            <strong>{e.title.clone()}</strong> " — " {e.starts.clone()} ", " {e.participants} " "
                            {t("booking.participants")} ", " <a href=format!("/r/{}", e.room_slug)>{e.room_name.clone()}</a> " (" {e.region.clone()} ")"
                        </p>
                        <p data-testid="requester">{tf("schedule.requested_by", &[("name", (&e.booker).into())])}</p>
                        <input type="hidden" name="id" value=e.id/>
                        <div class="field">
                            <label for=note_id.clone()>{t("schedule.decision_note")}</label>
                            <input id=note_id name="note" type="text"/>
                        </div>
                        <button type="submit" name="decision" value="approve" class="btn-primary">{t("schedule.approve")}</button> " "
                        <button type="submit" name="decision" value="decline" class="btn-danger">{t("schedule.decline")}</button>
                    </form>
                }
            }).collect_view()}
        </section>
    }
}

/// Reserved capacity hour by hour, under the bookable share and the capacity, with the events.
#[component]
fn Chart(chart: CapacityChart) -> impl IntoView {
    let top = chart.capacity.max(1) as f64;
    let hours = chart.hours.len().max(1) as f64;
    let x = move |hour: f64| LEFT + hour / hours * (W - LEFT);
    let y = move |value: i64| TOP + H - value as f64 / top * H;
    let reserved = chart
        .hours
        .iter()
        .enumerate()
        .map(|(h, v)| format!("{:.1},{:.1}", x(h as f64), y(*v)))
        .collect::<Vec<_>>()
        .join(" ");
    let label = tf("schedule.chart_label", &[("region", (&chart.name).into())]);
    view! {
        <section class="card" data-testid=format!("capacity-{}", chart.code)>
            <h2>{chart.name.clone()}</h2>
            <p class="hint">{tf("schedule.chart_legend", &[("bookable", chart.bookable.into()), ("capacity", chart.capacity.into())])}</p>
            <svg viewBox=format!("0 0 {W} {}", H + TOP + 24.0) role="img" aria-label=label.clone() class="chart">
                <title>{label.clone()}</title>
                <line x1=LEFT y1=y(chart.capacity) x2=W y2=y(chart.capacity) stroke="#64748b"/>
                <line x1=LEFT y1=y(chart.bookable) x2=W y2=y(chart.bookable) stroke="#b45309" stroke-dasharray="4 3"/>
                <text x="0" y=y(chart.capacity) + 4.0 font-size="11">{chart.capacity}</text>
                <text x="0" y=y(chart.bookable) + 4.0 font-size="11">{chart.bookable}</text>
                <polyline points=reserved fill="none" stroke="#0f766e" stroke-width="1.5"/>
                {chart.days.iter().enumerate().filter(|(d, _)| d % 7 == 0).map(|(d, day)| view! {
                    <text x=x((d * 24) as f64) y=TOP + H + 16.0 font-size="11">{day.clone()}</text>
                }).collect_view()}
                {chart.events.iter().map(|(hour, title, people, state)| view! {
                    <circle cx=x(*hour as f64) cy=y(*people) r="4" fill=if state == "approved" { "#0f766e" } else { "#0369a1" }>
                        <title>{format!("{title} ({people})")}</title>
                    </circle>
                }).collect_view()}
            </svg>
        </section>
    }
}
