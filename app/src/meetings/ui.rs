//! Joining from the room's page, and the page that waits for the meeting to start.
use super::api::{EndMeeting, JoinMeeting, StartMeeting};
use crate::i18n::t;
use crate::rooms::model::RoomView;
use crate::ui::{Field, FormError, Submit, form_error, use_auth};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn JoinBox(room: RoomView) -> impl IntoView {
    let start = ServerAction::<StartMeeting>::new();
    let join = ServerAction::<JoinMeeting>::new();
    let end = ServerAction::<EndMeeting>::new();
    let start_error = form_error(start);
    let join_error = form_error(join);
    let signed_in = Signal::derive(move || use_auth().me.get().and_then(Result::ok).flatten().is_some());
    let (slug_start, slug_join, slug_end) = (room.slug.clone(), room.slug.clone(), room.slug.clone());
    let manages = room.settings.is_some();
    view! {
        <section class="card" data-testid="join-box">
            <h2>{t("meeting.title")}</h2>
            {room.can_start.then(|| view! {
                <ActionForm action=start attr:class="inline-form">
                    <FormError error=start_error/>
                    <input type="hidden" name="slug" value=slug_start/>
                    <Submit label=if room.running { "meeting.join" } else { "meeting.start" } pending=start.pending()/>
                </ActionForm>
            })}
            {(!room.can_start).then(|| view! {
                <ActionForm action=join attr:novalidate=true attr:data-testid="join-form">
                    <FormError error=join_error/>
                    <input type="hidden" name="slug" value=slug_join/>
                    {move || (!signed_in.get()).then(|| view! {
                        <Field label="meeting.your_name" name="name" error=join_error autocomplete="name" required=true/>
                    })}
                    {room.needs_code.then(|| view! {
                        <Field label="meeting.code" name="access_code" error=join_error autocomplete="off" required=true/>
                    })}
                    {room.optional_code.then(|| view! {
                        <Field label="meeting.moderator_code" name="access_code" error=join_error autocomplete="off"/>
                    })}
                    {(room.require_sign_in).then(|| view! { <p class="hint">{t("meeting.sign_in_required")}</p> })}
                    <Submit label=if room.starts_on_join { "meeting.start" } else { "meeting.join" } pending=join.pending()/>
                </ActionForm>
            })}
            {(manages && room.running).then(|| view! {
                <ActionForm action=end attr:class="inline-form">
                    <input type="hidden" name="slug" value=slug_end/>
                    <button type="submit" class="btn">{t("meeting.end")}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// Shown while the meeting has not started: checks every 5 seconds, without JavaScript too.
#[component]
pub fn WaitPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let full = move || query.with(|q| q.get_str("full") == Some("1"));
    let (title, explain) =
        if full() { ("meeting.full", "meeting.full_explain") } else { ("meeting.waiting", "meeting.waiting_explain") };
    view! {
        <Meta http_equiv="refresh" content=format!("5;url=/r/{}/join", slug())/>
        <section class="card narrow" data-testid="waiting" role="status">
            <h1>{t(title)}</h1>
            <p>{t(explain)}</p>
            <p><a href=format!("/r/{}", slug())>{t("meeting.back_to_room")}</a></p>
        </section>
    }
}
