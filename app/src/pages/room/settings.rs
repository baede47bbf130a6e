//! A room's settings page, for its owners and co-owners: the settings, its name, who shares it, and
//! (for its owner) deleting it. Apart from the room's page, which every guest opens, so that page
//! stays light; Greenlight and PILOS members know it as the room's "Settings" tab.
use super::api::DeleteRoom;
use crate::error::AppError;
use crate::i18n::t;
use crate::rooms::api::{RenameRoom, guest_links, presentations, room_settings_page, room_types};
use crate::rooms::model::{GuestLinkView, PresentationView, RoomType, RoomView};
use crate::rooms::ui::{GuestLinks, Presentations, SettingsForm, Sharing, TransferForm, TypeChoice};
use crate::ui::address::query_param;
use crate::ui::{Field, FormError, Submit, form_error};
use leptos::prelude::*;

/// Built once, in one future (see `RequireUser`).
#[component]
pub fn RoomSettingsPage() -> impl IntoView {
    let slug = crate::ui::address::param("slug").unwrap_or_default();
    let saved = query_param("saved");
    crate::ui::awaited(async move {
        match crate::ui::read(room_settings_page(slug.clone())).await {
            Ok(room) => {
                let links = crate::ui::read(guest_links(slug.clone())).await.unwrap_or_default();
                let decks = crate::ui::read(presentations(slug)).await.unwrap_or_default();
                let types = crate::ui::read(room_types()).await.unwrap_or_default();
                view! {
                    {(saved.get_untracked() == "1").then(|| view! { <p class="notice" role="status">{t("room.saved")}</p> })}
                    <Manage room links decks types/>
                }
                .into_any()
            }
            Err(AppError::NotSignedIn) => view! { <crate::ui::Redirect path="/login"/> }.into_any(),
            Err(AppError::NotFound) => view! { <crate::ui::PageHeading text=t("room.not_found")/> }.into_any(),
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    })
}

#[component]
fn Manage(
    room: RoomView,
    links: Vec<GuestLinkView>,
    decks: Vec<PresentationView>,
    types: Vec<RoomType>,
) -> impl IntoView {
    let slug = room.slug.clone();
    let kind = types.iter().find(|k| Some(k.id) == room.type_id).cloned();
    view! {
        <crate::ui::PageHeading text=room.name.clone() testid="room-name"/>
        <p><a href=format!("/r/{slug}") data-testid="back-to-room">{t("meeting.back_to_room")}</a></p>
        <div class="grid-2">
            {room.settings.clone().map(|settings| view! { <SettingsForm slug=slug.clone() settings kind=kind.clone()/> })}
            <div>
                {(!types.is_empty() || kind.is_some()).then(|| view! { <TypeChoice slug=slug.clone() current=kind types may_change=room.access.owns()/> })}
                <RenameForm slug=slug.clone() name=room.name.clone()/>
                <Sharing slug=slug.clone() shares=room.shares.clone() owner=room.access.owns()/>
                <Presentations slug=slug.clone() list=decks/>
                <GuestLinks slug=slug.clone() links/>
                {room.access.owns().then(|| view! { <TransferForm slug=slug.clone()/> })}
                {room.access.owns().then(|| view! { <DeleteForm slug=slug.clone()/> })}
            </div>
        </div>
    }
}

#[component]
fn RenameForm(slug: String, name: String) -> impl IntoView {
    let action = ServerAction::<RenameRoom>::new();
    let error = form_error(action);
    view! {
        <section class="card">
            <h2>{t("room.rename")}</h2>
            <ActionForm action=action attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="slug" value=slug/>
                <Field label="room.name" name="name" error value=Signal::stored(name) required=true form="rename"/>
                <Submit label="common.save" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn DeleteForm(slug: String) -> impl IntoView {
    let action = ServerAction::<DeleteRoom>::new();
    let error = form_error(action);
    let lang = crate::i18n::use_lang();
    let confirm_error =
        move || error.get().and_then(|e| e.field_errors().and_then(|f| f.get("confirm").map(|m| lang.msg(m))));
    view! {
        <section class="card danger">
            <h2>{t("room.delete")}</h2>
            <p>{t("room.delete_explain")}</p>
            <ActionForm action=action>
                <FormError error/>
                <input type="hidden" name="slug" value=slug/>
                <div class="check">
                    <input type="checkbox" id="f-confirm" name="confirm" value="on"/>
                    <label for="f-confirm">{t("room.delete_confirm")}</label>
                </div>
                {move || confirm_error().map(|m| view! { <p class="field-error">{m}</p> })}
                <button type="submit" class="btn-danger">{t("room.delete_submit")}</button>
            </ActionForm>
        </section>
    }
}
