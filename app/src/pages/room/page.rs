use super::api::RoomPageView as Page;
use super::api::{EndMeeting, room_page};
use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::rooms::ui::ShareLink;
use crate::ui::address::query_param;
use crate::ui::{FormError, PostForm};
use leptos::prelude::*;

/// The room's page, built once in one future (see `RequireUser` for why not in a closure).
#[component]
pub fn RoomPage() -> impl IntoView {
    let slug = crate::ui::address::param("slug").unwrap_or_default();
    let saved = query_param("saved");
    let moved = query_param("moved");
    let guest = crate::ui::address::query("guest");
    crate::ui::awaited(async move {
        match crate::ui::read(room_page(slug, guest)).await {
            Ok(room) => view! {
                {(saved.get_untracked() == "1").then(|| view! { <p class="notice" role="status">{t("room.saved")}</p> })}
                {(moved.get_untracked() == "1").then(|| view! { <p class="notice" role="status">{t("room.moved")}</p> })}
                <crate::ui::Notice flags=&[("given", "room.given"), ("recording_deleted", "recording.deleted")]/>
                <Room room/>
            }
            .into_any(),
            Err(AppError::NotFound) => view! { <crate::ui::PageHeading text=t("room.not_found")/> }.into_any(),
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    })
}

/// The form that ends the room's meeting, shown in the join box to those who manage the room.
fn end_form(slug: String) -> AnyView {
    view! {
        <PostForm<EndMeeting> class="inline-form">
            <input type="hidden" name="slug" value=slug/>
            <button type="submit" class="btn">{t("meeting.end")}</button>
        </PostForm<EndMeeting>>
    }
    .into_any()
}

#[component]
fn Room(room: Page) -> impl IntoView {
    let Page { room, region_down, bookings, guest_pass, guest_link_spent, history } = room;
    let status = if room.running {
        tf("room.running", &[("count", room.participants.into())])
    } else {
        t("room.idle").to_string()
    };
    view! {
        <crate::ui::PageHeading text=room.name.clone() testid="room-name"/>
        <p class="hint">{tf("room.owned_by", &[("owner", (&room.owner_name).into())])} " · " <span data-testid="room-status">{status}</span></p>
        <ShareLink link=room.link.clone()/>
        {region_down.map(|down| view! { <crate::rooms::ui::MoveOffer slug=room.slug.clone() down/> })}
        {guest_link_spent.then(|| view! { <p class="form-error" role="alert" data-testid="guest-link-spent">{t("room.guest_link.invalid")}</p> })}
        <crate::meetings::ui::JoinBox room=room.clone() guest_pass end=end_form(room.slug.clone())/>
        {room.settings.is_some().then(|| view! {
            <p>
                <a href=format!("/r/{}/settings", room.slug) class="btn" data-testid="room-settings-link">{t("room.manage")}</a> " "
                <a href=format!("/schedule/new?room={}", room.slug) class="btn" data-testid="room-book">{t("booking.new")}</a>
            </p>
            <section class="card" data-testid="room-bookings">
                <h2>{t("room.bookings")}</h2>
                <crate::schedule::ui::BookingList bookings=bookings.clone() testid="room-bookings-list"/>
            </section>
        })}
        <crate::recordings::ui::Recordings slug=room.slug.clone() manages=room.settings.is_some()/>
        {room.settings.is_some().then(|| view! { <crate::rooms::ui::History meetings=history/> })}
    }
}
