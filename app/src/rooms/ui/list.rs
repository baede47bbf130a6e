use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::rooms::api::CreateRoom;
use crate::rooms::model::{Access, RoomSummary};
use crate::ui::{Field, FormError, PostForm, Submit, refusal_of};
use leptos::prelude::*;

/// The dashboard's rooms: mine and those shared with me, each with its live state, and the form
/// that creates one.
#[component]
pub fn MyRooms(rooms: Result<Vec<RoomSummary>, AppError>) -> impl IntoView {
    let error = refusal_of::<CreateRoom>();
    let list = match rooms {
        Ok(list) if list.is_empty() => view! { <p>{t("dashboard.no_rooms")}</p> }.into_any(),
        Ok(list) => view! {
            <ul class="room-list" data-testid="rooms">
                {list.into_iter().map(|r| view! {
                    <li>
                        <a href=format!("/r/{}", r.slug)>{r.name.clone()}</a>
                        {(r.access == Access::CoOwner).then(|| view! {
                            " " <span class="hint">{tf("room.shared_by", &[("owner", (&r.owner_name).into())])}</span>
                        })}
                        " "
                        <RoomState running=r.running participants=r.participants/>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
        Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
    };
    view! {
        <section class="card">
            <h2>{t("dashboard.rooms")}</h2>
            {list}
            <PostForm<CreateRoom> novalidate=true testid="create-room" class="inline-form">
                <FormError error/>
                <Field label="room.new_name" name="name" error required=true/>
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
