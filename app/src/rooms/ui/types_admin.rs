//! `/admin/room-types`: the co-op's room types (each with its rules, how many rooms have it, a
//! link to change it and a way to delete it), and the form that makes or changes one.
use super::room_type::TypeRules;
use crate::accounts::ui::RequireAdmin;
use crate::i18n::{t, tf};
use crate::rooms::api::{DeleteRoomType, SaveRoomType, room_types_admin};
use crate::rooms::model::{Lobby, Locks, RoomType};
use crate::ui::{Field, FormError, form_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AdminRoomTypesPage() -> impl IntoView {
    let editing = crate::ui::address::query("type").and_then(|v| v.parse::<i64>().ok());
    view! {
        <RequireAdmin children=move |_| {
            let page = crate::ui::awaited(async move {
                match crate::ui::read(room_types_admin()).await {
                    Ok((types, regions)) => view! { <Page types regions editing/> }.into_any(),
                    Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                }
            });
            view! {
                <crate::ui::PageHeading text=t("room_type.admin_title")/>
                <crate::ui::Notice flags=&[("saved", "common.saved"), ("deleted", "room_type.deleted")]/>
                <p class="hint">{t("room_type.admin_intro")}</p>
                {page}
            }
        }/>
    }
}

#[component]
fn Page(types: Vec<RoomType>, regions: Vec<String>, editing: Option<i64>) -> impl IntoView {
    let editing = types.iter().find(|k| Some(k.id) == editing).cloned();
    let all = types.clone();
    view! {
        <section class="card">
            <h2>{t("room_type.list")}</h2>
            {types.is_empty().then(|| view! { <p>{t("room_type.none_yet")}</p> })}
            {types.into_iter().map(|kind| view! { <TypeRow kind all=all.clone()/> }).collect_view()}
        </section>
        <section class="card">
            <h2>{if editing.is_some() { t("room_type.edit") } else { t("room_type.new") }}</h2>
            <TypeFormView kind=editing regions/>
        </section>
    }
}

#[component]
fn TypeRow(kind: RoomType, all: Vec<RoomType>) -> impl IntoView {
    let delete = ServerAction::<DeleteRoomType>::new();
    let error = form_error(delete);
    let id = kind.id;
    view! {
        <div class="tier" data-testid="room-type-row">
            <h3>{kind.name.clone()} " · " {tf("room_type.rooms", &[("count", kind.rooms.into())])}</h3>
            <TypeRules kind/>
            <a href=format!("/admin/room-types?type={id}")>{t("room_type.edit")}</a>
            <ActionForm action=delete attr:class="inline">
                <FormError error/>
                <input type="hidden" name="id" value=id/>
                <label for=format!("f-replacement-{id}")>{t("room_type.replacement")}</label>
                <select id=format!("f-replacement-{id}") name="replacement">
                    <option value="">{t("room_type.none")}</option>
                    {all.into_iter().filter(|k| k.id != id).map(|k| view! { <option value=k.id>{k.name}</option> }).collect_view()}
                </select>
                <button type="submit" class="btn-danger">{t("room_type.delete")}</button>
            </ActionForm>
        </div>
    }
}

/// One setting's default and whether members may change it.
#[component]
fn TypedDefault(name: &'static str, on: bool, pinned: bool) -> impl IntoView {
    let (id, pin_id) = (format!("f-{name}"), format!("f-pin_{name}"));
    view! {
        <div class="check-explained">
            <input type="checkbox" id=id.clone() name=name value="on" checked=on/>
            <label for=id><span>{t(&format!("room.setting.{name}"))}</span></label>
            <input type="checkbox" id=pin_id.clone() name=format!("pin_{name}") value="on" checked=pinned/>
            <label for=pin_id class="hint">{t("room_type.pin")}</label>
        </div>
    }
}

/// The type form: a new type, or `kind` changed.
#[component]
fn TypeFormView(kind: Option<RoomType>, regions: Vec<String>) -> impl IntoView {
    let action = ServerAction::<SaveRoomType>::new();
    let error = form_error(action);
    let k = kind.clone().unwrap_or_default();
    let value = |v: String| Signal::stored(v);
    let limit = |n: i64| if n > 0 { n.to_string() } else { String::new() };
    let d = k.defaults.clone();
    let switches = [
        ("mute_on_join", d.mute_on_join),
        ("anyone_can_start", d.anyone_can_start),
        ("all_moderators", d.all_moderators),
        ("require_sign_in", d.require_sign_in),
        ("recording", d.recording),
        ("auto_start_recording", d.auto_start_recording),
    ];
    let locks = Locks::FIELDS.iter().map(|(name, _)| *name).zip(d.locks.values());
    view! {
        <form method="post" action={<SaveRoomType as ServerFn>::PATH} novalidate=true data-testid="room-type-form">
            <FormError error/>
            {kind.as_ref().map(|k| view! { <input type="hidden" name="id" value=k.id/> })}
            <div class="grid-2">
                <Field label="room_type.name" name="name" error value=value(k.name.clone()) required=true/>
                <Field label="room_type.description" name="description" error value=value(k.description.clone())/>
                <div>
                    <Field label="room_type.regions_field" name="regions" error value=value(k.regions.join(", ")) hint="room_type.regions_hint"/>
                    <p class="hint" data-testid="region-codes">{tf("room_type.region_codes", &[("codes", regions.join(", ").into())])}</p>
                </div>
                <Field label="room_type.largest" name="largest" kind="number" error value=value(limit(k.largest)) hint="tier.empty_unlimited"/>
                <Field label="room_type.longest" name="longest" kind="number" error value=value(limit(k.longest)) hint="tier.empty_unlimited"/>
            </div>
            <fieldset>
                <legend>{t("room.setting.waiting_room")}</legend>
                {Lobby::ALL.into_iter().map(|lobby| {
                    let id = format!("f-waiting_room-{}", lobby.name());
                    view! {
                        <input type="radio" id=id.clone() name="waiting_room" value=lobby.name() checked=d.waiting_room == lobby/>
                        <label for=id>{t(&format!("room.lobby.{}", lobby.name()))}</label> " "
                    }
                }).collect_view()}
                <div class="check">
                    <input type="checkbox" id="f-pin_waiting_room" name="pin_waiting_room" value="on" checked=k.pins("waiting_room")/>
                    <label for="f-pin_waiting_room">{t("room_type.pin")}</label>
                </div>
            </fieldset>
            <fieldset data-testid="type-defaults">
                <legend>{t("room_type.defaults")}</legend>
                {switches.into_iter().chain(locks).map(|(name, on)| view! { <TypedDefault name on pinned=k.pins(name)/> }).collect_view()}
            </fieldset>
            <super::recording_visibility::RecordingsDefault current=d.recording_visibility/>
            <div class="check">
                <input type="checkbox" id="f-pin_recording_visibility" name="pin_recording_visibility" value="on"
                    checked=k.pins("recording_visibility")/>
                <label for="f-pin_recording_visibility">{t("room_type.pin")}</label>
            </div>
            <button type="submit" class="btn-primary">{t("common.save")}</button>
        </form>
    }
}
