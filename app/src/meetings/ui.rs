//! Joining from the room's page, and the page that waits for the meeting to start.
use super::api::{JoinMeeting, StartMeeting};
use crate::i18n::{Texts, t, tf, use_lang};
use crate::rooms::model::{GuestPass, RoomView};
use crate::ui::{Check, Field, FormError, PostForm, Submit, refusal_of};
use leptos::prelude::*;

/// `end`: the form that ends the meeting, for those who manage the room (the pages layer's: ending
/// reaches beyond meetings).
#[component]
pub fn JoinBox(room: RoomView, guest_pass: Option<GuestPass>, #[prop(optional)] end: Option<AnyView>) -> impl IntoView {
    let (start_error, join_error) = (refusal_of::<StartMeeting>(), refusal_of::<JoinMeeting>());
    let signed_in = room.signed_in;
    let (slug_start, slug_join) = (room.slug.clone(), room.slug.clone());
    let manages = room.settings.is_some();
    // An invitation's link carries a pass that stands in for the viewer code during the booking.
    let pass = crate::ui::address::query_param("invite").get_untracked();
    let invited = !pass.is_empty() && room.needs_code;
    let records = room.records;
    // A named guest link gives the name and role: no name or code to type.
    let guest_link = crate::ui::address::query_param("guest").get_untracked();
    let by_link = guest_pass.is_some();
    view! {
        <section class="card" data-testid="join-box">
            <h2>{t("meeting.title")}</h2>
            {room.can_start.then(|| view! {
                <PostForm<StartMeeting> class="inline-form">
                    <FormError error=start_error/>
                    <input type="hidden" name="slug" value=slug_start/>
                    {records.then(|| view! { <Consent error=start_error form="start"/> })}
                    <Check label="meeting.list_me" name="list_me" error=start_error form="start"/>
                    <Submit label=if room.running { "meeting.join" } else { "meeting.start" } pending=false/>
                </PostForm<StartMeeting>>
            })}
            {(!room.can_start).then(|| view! {
                <PostForm<JoinMeeting> novalidate=true testid="join-form">
                    <FormError error=join_error/>
                    <input type="hidden" name="slug" value=slug_join/>
                    {guest_pass.map(|g| view! {
                        <input type="hidden" name="guest" value=guest_link.clone()/>
                        <p data-testid="guest-pass">
                            {tf("meeting.guest_pass", &[("name", (&g.name).into())])} " "
                            {t(if g.moderator { "meeting.as_moderator" } else { "meeting.as_participant" })}
                        </p>
                    })}
                    {(!signed_in && !by_link).then(|| view! {
                        <Field label="meeting.your_name" name="name" error=join_error autocomplete="name" required=true/>
                    })}
                    {invited.then(|| view! {
                        <input type="hidden" name="invite" value=pass.clone()/>
                        <p class="hint" data-testid="invited">{t("meeting.invited")}</p>
                    })}
                    {(room.needs_code && !by_link).then(|| view! {
                        <Field label="meeting.code" name="access_code" error=join_error autocomplete="off" required=!invited/>
                    })}
                    {(room.optional_code && !by_link).then(|| view! {
                        <Field label="meeting.moderator_code" name="access_code" error=join_error autocomplete="off"/>
                    })}
                    {(room.require_sign_in && !by_link).then(|| view! { <p class="hint">{t("meeting.sign_in_required")}</p> })}
                    {records.then(|| view! { <Consent error=join_error form="join"/> })}
                    {signed_in.then(|| view! { <Check label="meeting.list_me" name="list_me" error=join_error form="join"/> })}
                    <Submit label=if room.starts_on_join { "meeting.start" } else { "meeting.join" } pending=false/>
                </PostForm<JoinMeeting>>
            })}
            {(manages && room.running).then_some(end).flatten()}
        </section>
    }
}

/// The room records: what that means, and the box to tick before joining.
#[component]
fn Consent(error: Signal<Option<crate::error::AppError>>, form: &'static str) -> impl IntoView {
    view! {
        <p class="hint" data-testid="records">{t("meeting.records_explain")}</p>
        <Check label="meeting.recording_consent" name="recording_consent" error form/>
    }
}

/// Shown while the meeting has not started. An island asks every 5 seconds whether the visitor may
/// go in, says so in a live region and takes them in; the page never reloads itself. Without
/// JavaScript, "Check now" asks the same question.
#[component]
pub fn WaitPage() -> impl IntoView {
    let slug = crate::ui::address::param("slug").unwrap_or_default();
    let full = crate::ui::address::query("full").as_deref() == Some("1");
    let (title, explain) =
        if full { ("meeting.full", "meeting.full_explain") } else { ("meeting.waiting", "meeting.waiting_explain") };
    let texts = Texts::of(use_lang(), &["meeting.started"]);
    view! {
        <section class="card narrow" data-testid="waiting">
            <crate::ui::PageHeading text=t(title)/>
            <p>{t(explain)}</p>
            <WaitForStart slug=slug.clone() texts/>
            <p>
                <a class="btn" href=format!("/r/{slug}/join")>{t("meeting.check_now")}</a> " "
                <a href=format!("/r/{slug}")>{t("meeting.back_to_room")}</a>
            </p>
        </section>
    }
}

/// Asks every 5 seconds whether the meeting lets its visitor in; when it does, says so and goes.
#[island]
fn WaitForStart(slug: String, texts: Texts) -> impl IntoView {
    let said = RwSignal::new(String::new());
    let (slug, texts) = (StoredValue::new(slug), StoredValue::new(texts));
    Effect::new(move |_| {
        let check = move || {
            leptos::task::spawn_local(async move {
                if let Ok(Some(url)) = super::api::enter_meeting(slug.get_value()).await {
                    said.set(texts.with_value(|t| t.get("meeting.started")));
                    let _ = window().location().set_href(&url);
                }
            });
        };
        let _ = set_interval_with_handle(check, std::time::Duration::from_secs(5));
    });
    view! { <p role="status" aria-live="polite" data-testid="wait-status">{move || said.get()}</p> }
}
