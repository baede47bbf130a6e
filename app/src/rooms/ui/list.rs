use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::rooms::api::CreateRoom;
use crate::ui::{Field, FormError, PostForm, Submit, refusal_of};
use leptos::prelude::*;

/// The dashboard's rooms section: the rooms (drawn by the page above, which knows their bookings
/// and their regions' health) and the form that creates one.
#[component]
pub fn MyRooms(rooms: Result<AnyView, AppError>, types: Vec<crate::rooms::model::RoomType>) -> impl IntoView {
    let error = refusal_of::<CreateRoom>();
    let list = rooms.unwrap_or_else(|e| view! { <FormError error=Signal::stored(Some(e))/> }.into_any());
    view! {
        <section class="card">
            <h2>{t("dashboard.rooms")}</h2>
            {list}
            <PostForm<CreateRoom> novalidate=true testid="create-room" class="inline-form">
                <FormError error/>
                <Field label="room.new_name" name="name" error required=true/>
                <super::TypePick types/>
                <Submit label="room.create" pending=false/>
            </PostForm<CreateRoom>>
        </section>
    }
}

/// Whether a room's meeting runs, and how many are in it.
#[component]
pub fn RoomState(running: bool, participants: i64) -> impl IntoView {
    if running {
        view! { <span class="badge">{tf("room.running", &[("count", participants.into())])}</span> }.into_any()
    } else {
        view! { <span class="hint">{t("room.idle")}</span> }.into_any()
    }
}
