//! `/schedule/<id>`: one booking — when, where, for how many, its state and the admin's message,
//! the series it belongs to, its provisioning calls, and (for who may) the forms that change or
//! cancel it.
use super::form::{Alternatives, BookingFields, is_full, kept_form};
use super::page::List;
use crate::error::AppError;
use crate::i18n::t;
use crate::schedule::api::{CancelBooking, EditBooking, alternatives, booking_data};
use crate::schedule::model::{BookingDetail, CallView};
use crate::ui::address::query_param;
use crate::ui::{FormError, carried_error, form_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn BookingPage() -> impl IntoView {
    let id = crate::ui::address::param("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
    let notice = ["booked", "invited", "requested", "saved", "unchanged", "pending"]
        .into_iter()
        .find(|k| !query_param(k).get_untracked().is_empty());
    let page = crate::ui::awaited(async move {
        match crate::ui::read(booking_data(id)).await {
            Ok(detail) => {
                let full = carried_error::<EditBooking>().is_some_and(|e| is_full(&e));
                let form = kept_form(<EditBooking as ServerFn>::PATH, &detail.form);
                let offers = if full { alternatives(form.clone()).await.ok() } else { None };
                view! { <Booking detail/> {offers.map(|offers| view! { <Alternatives form offers edit=Some(id)/> })} }
                    .into_any()
            }
            Err(AppError::NotSignedIn) => view! { <crate::ui::Redirect path="/login"/> }.into_any(),
            Err(AppError::NotFound) => view! { <crate::ui::PageHeading text=t("booking.not_found")/> }.into_any(),
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    });
    view! {
        {notice.map(|k| view! { <p class="notice" role="status">{t(&format!("schedule.notice.{k}"))}</p> })}
        {page}
    }
}

#[component]
fn Booking(detail: BookingDetail) -> impl IntoView {
    let b = detail.booking.clone();
    let manages = b.manages;
    let series = b.series;
    let editable = manages && matches!(b.state.as_str(), "booked" | "requested" | "approved");
    view! {
        <crate::ui::PageHeading text=b.title.clone() testid="booking-title"/>
        <p><a href="/schedule">{t("schedule.title")}</a></p>
        <section class="card">
            <dl class="facts">
                <dt>{t("booking.when")}</dt><dd data-testid="booking-when">{b.starts.clone()} " – " {b.ends.clone()}</dd>
                <dt>{t("booking.room")}</dt><dd><a href=format!("/r/{}", b.room_slug)>{b.room_name.clone()}</a></dd>
                <dt>{t("booking.region")}</dt><dd>{b.region.clone()}</dd>
                <dt>{t("booking.participants")}</dt><dd>{b.participants}</dd>
                <dt>{t("booking.state")}</dt><dd><span class=format!("badge booking-{}", b.state) data-testid="booking-state">{t(&format!("booking.state.{}", b.state))}</span></dd>
                {(!b.note.is_empty()).then(|| view! { <dt>{t("booking.note")}</dt><dd>{b.note.clone()}</dd> })}
                {(!b.invitees.is_empty()).then(|| view! { <dt>{t("booking.invitees")}</dt><dd>{b.invitees.join(", ")}</dd> })}
            </dl>
            {(!b.description.is_empty()).then(|| view! { <p>{b.description.clone()}</p> })}
            {(manages && detail.room_has_code).then(|| view! { <p class="hint" data-testid="code-note">{t("booking.code_note")}</p> })}
            {manages.then(|| view! { <p><a href=format!("/assemblies/{}", b.id) data-testid="booking-assembly">{t("booking.assembly")}</a></p> })}
        </section>
        {series.then(|| view! { <section class="card"><h2>{t("booking.series")}</h2><List bookings=detail.series.clone() testid="series"/></section> })}
        {(!detail.calls.is_empty()).then(|| view! { <Calls calls=detail.calls.clone()/> })}
        {editable.then(|| view! {
            <div class="grid-2">
                <div>
                    <h2>{t("booking.change")}</h2>
                    <BookingFields rooms=vec![(detail.form.room.clone(), b.room_name.clone())] zone=detail.zone.clone() form=detail.form.clone() edit=Some((b.id, series))/>
                </div>
                <CancelForm id=b.id series/>
            </div>
        })}
    }
}

#[component]
fn Calls(calls: Vec<CallView>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{t("booking.provisioning")}</h2>
            <ul data-testid="provisioning-calls">
                {calls.into_iter().map(|c| {
                    let state = if c.sent { t("booking.call_sent") } else { t("booking.call_waiting") };
                    view! { <li>{t(&format!("booking.call.{}", c.phase))} ": " {state} " (" {c.at} ", " {c.attempts} ")" {c.error.map(|e| view! { " " <span class="hint">{e}</span> })}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn CancelForm(id: i64, series: bool) -> impl IntoView {
    let action = ServerAction::<CancelBooking>::new();
    let error = form_error(action);
    view! {
        <section class="card danger">
            <h2>{t("booking.cancel")}</h2>
            <form method="post" action={<CancelBooking as ServerFn>::PATH}>
                <FormError error/>
                <input type="hidden" name="id" value=id/>
                {series.then(|| view! {
                    <div class="check">
                        <input type="checkbox" id="f-cancel-whole" name="whole" value="on"/>
                        <label for="f-cancel-whole">{t("booking.whole_series")}</label>
                    </div>
                })}
                <p class="hint">{t("booking.cancel_hint")}</p>
                <button type="submit" class="btn-danger" data-testid="cancel-booking">{t("booking.cancel_submit")}</button>
            </form>
        </section>
    }
}
