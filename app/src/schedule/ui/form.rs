//! The booking form, for a new booking and for changing one, and what it offers when the region is
//! full at that time: the nearest free times and the other regions with room, each one button that
//! books it. Without JavaScript the refused form comes back filled in, with its alternatives.
use crate::error::AppError;
use crate::i18n::{t, tf, use_lang};
use crate::schedule::api::{Book, EditBooking, alternatives, booking_form_data};
use crate::schedule::model::{BookingForm, Suggestions};
use crate::ui::address::query_param;
use crate::ui::typed::Kept;
use crate::ui::{Field, FormError, Submit, carried_error, form_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The form's values: what was typed when the page shows its refusal, else `start`.
pub(super) fn kept_form(path: &str, start: &BookingForm) -> BookingForm {
    let kept = Kept::for_form(path);
    BookingForm::FIELDS.iter().fold(start.clone(), |form, name| {
        let value = kept.text(name, start.get(name));
        form.with(name, value)
    })
}

/// `/schedule/new?room=…`: book a meeting in one of the rooms the member manages.
#[component]
pub fn NewBookingPage() -> impl IntoView {
    let room = query_param("room").get_untracked();
    let page = crate::ui::awaited(async move {
        match crate::ui::read(booking_form_data(room)).await {
            Ok(data) if data.rooms.is_empty() => view! { <p>{t("booking.no_rooms")}</p> }.into_any(),
            Ok(data) => {
                let form = kept_form(<Book as ServerFn>::PATH, &data.values);
                let full = carried_error::<Book>().is_some_and(|e| is_full(&e));
                let offers = if full { alternatives(form.clone()).await.ok() } else { None };
                view! {
                    <BookingFields rooms=data.rooms zone=data.zone form=form.clone() edit=None/>
                    {offers.map(|offers| view! { <Alternatives form offers edit=None/> })}
                }
                .into_any()
            }
            Err(AppError::NotSignedIn) => view! { <crate::ui::Redirect path="/login"/> }.into_any(),
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    });
    view! {
        <crate::ui::PageHeading text=t("booking.new")/>
        {page}
    }
}

pub fn is_full(error: &AppError) -> bool {
    error.field_errors().and_then(|f| f.get("date")).is_some_and(|m| m.key == "booking.full")
}

/// The fields of a booking. `edit`: the occurrence changed, and whether it belongs to a series.
#[component]
pub fn BookingFields(
    rooms: Vec<(String, String)>,
    zone: String,
    form: BookingForm,
    edit: Option<(i64, bool)>,
) -> impl IntoView {
    let book = ServerAction::<Book>::new();
    let change = ServerAction::<EditBooking>::new();
    let error = if edit.is_some() { form_error(change) } else { form_error(book) };
    let path = if edit.is_some() { <EditBooking as ServerFn>::PATH } else { <Book as ServerFn>::PATH };
    let form = kept_form(path, &form);
    let lang = use_lang();
    let field_error = move |name: &'static str| {
        move || error.get().and_then(|e| e.field_errors().and_then(|f| f.get(name).map(|m| lang.msg(m))))
    };
    let stored = |v: &str| Signal::stored(v.to_string());
    view! {
        <form method="post" action=path novalidate=true class="card" data-testid="booking-form">
            <FormError error/>
            {edit.map(|(id, _)| view! { <input type="hidden" name="id" value=id/> })}
            <input type="hidden" name="region" value=form.region.clone()/>
            <div class="field">
                <label for="f-room">{t("booking.room")}</label>
                <select id="f-room" name="room" disabled=edit.is_some()>
                    {rooms.into_iter().map(|(slug, name)| {
                        let selected = slug == form.room;
                        view! { <option value=slug selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
                {edit.map(|_| view! { <input type="hidden" name="room" value=form.room.clone()/> })}
            </div>
            <Field label="booking.title" name="title" error value=stored(&form.title) required=true/>
            <div class="field">
                <label for="f-description">{t("booking.description")}</label>
                <textarea id="f-description" name="description" rows="3">{form.description.clone()}</textarea>
            </div>
            <p class="hint">{tf("booking.zone", &[("zone", (&zone).into())])}</p>
            <div class="grid-2">
                <Field label="booking.date" name="date" kind="date" error value=stored(&form.date) required=true/>
                <Field label="booking.time" name="time" kind="time" error value=stored(&form.time) required=true/>
                <Field label="booking.duration" name="duration" kind="number" error value=stored(&form.duration) hint="booking.duration_hint"/>
                <Field label="booking.participants" name="participants" kind="number" error value=stored(&form.participants) hint="booking.participants_hint"/>
            </div>
            <div class="field">
                <label for="f-invitees">{t("booking.invitees")}</label>
                <p class="hint" id="f-invitees-hint">{t("booking.invitees_hint")}</p>
                <textarea id="f-invitees" name="invitees" rows="3" aria-describedby="f-invitees-hint">{form.invitees.clone()}</textarea>
                {move || field_error("invitees")().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            {match edit {
                None => view! {
                    <fieldset>
                        <legend>{t("booking.repeat")}</legend>
                        <Field label="booking.every_weeks" name="every_weeks" kind="number" error value=stored(&form.every_weeks) hint="booking.every_weeks_hint"/>
                        <Field label="booking.count" name="count" kind="number" error value=stored(&form.count)/>
                        <Field label="booking.until" name="until" kind="date" error value=stored(&form.until)/>
                    </fieldset>
                }.into_any(),
                Some((_, true)) => view! {
                    <div class="check">
                        <input type="checkbox" id="f-whole" name="whole" value="on"/>
                        <label for="f-whole">{t("booking.whole_series")}</label>
                    </div>
                }.into_any(),
                Some((_, false)) => ().into_any(),
            }}
            {move || field_error("region")().map(|m| view! { <p class="field-error">{m}</p> })}
            <Submit label=if edit.is_some() { "common.save" } else { "booking.submit" } pending=Signal::stored(false)/>
        </form>
    }
}

/// A button that books the form as typed (or, with `edit`, changes that booking to it), with
/// `changes` made: another time, another region.
#[component]
fn Offer(
    form: BookingForm,
    changes: Vec<(&'static str, String)>,
    label: String,
    note: Option<String>,
    edit: Option<i64>,
) -> impl IntoView {
    let path = if edit.is_some() { <EditBooking as ServerFn>::PATH } else { <Book as ServerFn>::PATH };
    view! {
        <li>
            <form method="post" action=path class="inline">
                {edit.map(|id| view! { <input type="hidden" name="id" value=id/> })}
                {BookingForm::FIELDS.iter().map(|name| {
                    let v = changes.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_else(|| form.get(name));
                    view! { <input type="hidden" name=*name value=v/> }
                }).collect_view()}
                <button type="submit" class="btn-small" data-testid="take-offer">{label}</button>
            </form>
            {note.map(|n| view! { " " <span class="hint">{n}</span> })}
        </li>
    }
}

/// The alternatives to a refused booking (or, with `edit`, a refused change of that booking).
#[component]
pub(super) fn Alternatives(form: BookingForm, offers: Suggestions, edit: Option<i64>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="card" data-testid="alternatives" aria-labelledby="alternatives-title">
            <h2 id="alternatives-title">{t("booking.alternatives")}</h2>
            {offers.times.is_empty().then(|| view! { <p>{t("booking.no_free_time")}</p> })}
            <ul>
                {offers.times.into_iter().map(|o| {
                    let label = lang.fmt("booking.take_time", &[("time", (&o.label).into())]);
                    view! { <Offer form=form.clone() changes=vec![("date", o.date), ("time", o.time)] label note=None edit/> }
                }).collect_view()}
            </ul>
            {(!offers.regions.is_empty()).then(|| view! { <h3>{t("booking.other_regions")}</h3> })}
            <ul>
                {offers.regions.into_iter().map(|r| {
                    let mut notes = Vec::new();
                    if r.lacks_recording { notes.push(lang.t("room.move_lacks_recording").to_string()); }
                    if r.smaller_meetings > 0 { notes.push(lang.fmt("room.move_smaller", &[("max", r.smaller_meetings.into())])); }
                    let note = (!notes.is_empty()).then(|| notes.join(", "));
                    let label = lang.fmt("booking.take_region", &[("region", (&r.name).into())]);
                    view! { <Offer form=form.clone() changes=vec![("region", r.code)] label note edit/> }
                }).collect_view()}
            </ul>
        </section>
    }
}
