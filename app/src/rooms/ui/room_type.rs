//! A room's type on its settings page: what the type decides, and the form that changes it; and
//! the rules of a type in words, for members and admins alike.
use crate::i18n::{t, tf};
use crate::rooms::api::SetRoomType;
use crate::rooms::model::RoomType;
use crate::ui::{FormError, Submit, form_error};
use leptos::prelude::*;

/// What a type decides, one line each: pinned settings, regions, largest and longest meeting.
#[component]
pub fn TypeRules(kind: RoomType) -> impl IntoView {
    let pinned: Vec<String> = kind.pinned.iter().map(|f| t(&format!("room.setting.{f}")).to_string()).collect();
    let regions =
        if kind.regions.is_empty() { t("room_type.every_region").to_string() } else { kind.regions.join(", ") };
    view! {
        <ul class="type-rules" data-testid="type-rules">
            {(!kind.description.is_empty()).then(|| view! { <li>{kind.description.clone()}</li> })}
            {(!pinned.is_empty()).then(|| view! { <li>{t("room_type.pinned_list")} " " {pinned.join(", ")}</li> })}
            <li>{t("room_type.regions")} " " {regions}</li>
            {(kind.largest > 0).then(|| view! { <li>{tf("room_type.largest_is", &[("count", kind.largest.into())])}</li> })}
            {(kind.longest > 0).then(|| view! { <li>{tf("room_type.longest_is", &[("count", kind.longest.into())])}</li> })}
        </ul>
    }
}

/// The room's type and, for its owner, the choice of another (none, or any the admins made).
#[component]
pub fn TypeChoice(slug: String, current: Option<RoomType>, types: Vec<RoomType>, may_change: bool) -> impl IntoView {
    let action = ServerAction::<SetRoomType>::new();
    let error = form_error(action);
    let current_id = current.as_ref().map(|k| k.id);
    view! {
        <section class="card" data-testid="room-type">
            <h2>{t("room_type.title")}</h2>
            {match current {
                Some(kind) => view! { <p><strong>{kind.name.clone()}</strong></p><TypeRules kind/> }.into_any(),
                None => view! { <p class="hint">{t("room_type.none_explained")}</p> }.into_any(),
            }}
            {may_change.then(|| view! {
            <ActionForm action=action attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="slug" value=slug/>
                <div class="field">
                    <label for="f-room_type">{t("room_type.change")}</label>
                    <select id="f-room_type" name="room_type">
                        <option value="" selected=current_id.is_none()>{t("room_type.none")}</option>
                        {types.into_iter().map(|k| view! {
                            <option value=k.id selected=current_id == Some(k.id)>{k.name}</option>
                        }).collect_view()}
                    </select>
                    <p class="hint">{t("room_type.change_hint")}</p>
                </div>
                <Submit label="common.save" pending=action.pending()/>
            </ActionForm>
            })}
        </section>
    }
}

/// The creation form's choice of type, when the co-op has types.
#[component]
pub fn TypePick(types: Vec<RoomType>) -> impl IntoView {
    (!types.is_empty()).then(|| {
        view! {
            <div class="field">
                <label for="f-new-room_type">{t("room_type.pick")}</label>
                <select id="f-new-room_type" name="room_type" data-testid="room-type-pick">
                    <option value="">{t("room_type.none")}</option>
                    {types.iter().map(|k| view! { <option value=k.id>{k.name.clone()}</option> }).collect_view()}
                </select>
                <details>
                    <summary>{t("room_type.compare")}</summary>
                    {types.into_iter().map(|kind| view! { <h3>{kind.name.clone()}</h3><TypeRules kind/> }).collect_view()}
                </details>
            </div>
        }
    })
}
