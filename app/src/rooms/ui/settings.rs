//! The room's settings, each explained where it is set.
use crate::i18n::t;
use crate::regions::api::list_regions;
use crate::regions::ui::RegionComparison;
use crate::rooms::api::SaveRoomSettings;
use crate::rooms::model::{Lobby, Locks, RecordingVisibility, RoomSettings, RoomType};
use crate::ui::FieldMessage;
use crate::ui::typed::Kept;
use crate::ui::{Field, FormError, Submit, form_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// A checkbox with its explanation; one the room's type pins is shown, not changed.
#[component]
fn Toggle(name: &'static str, checked: bool, #[prop(optional)] pinned: bool) -> impl IntoView {
    let id = format!("f-{name}");
    view! {
        <div class="check-explained">
            <input type="checkbox" id=id.clone() name=name value="on" checked=checked disabled=pinned/>
            <label for=id>
                <span>{t(&format!("room.setting.{name}"))}</span>
                <span class="hint">{t(&format!("room.setting.{name}.hint"))}</span>
                {pinned.then(|| view! { <span class="hint" data-testid="pinned">{t("room_type.pinned")}</span> })}
            </label>
        </div>
    }
}

/// Who waits for a moderator: three choices, each explained.
#[component]
fn Lobbies(current: Lobby, pinned: bool) -> impl IntoView {
    view! {
        <fieldset data-testid="waiting-room" disabled=pinned>
            <legend>{t("room.setting.waiting_room")}</legend>
            <p class="hint">{t("room.setting.waiting_room.hint")}</p>
            {pinned.then(|| view! { <p class="hint" data-testid="pinned">{t("room_type.pinned")}</p> })}
            {Lobby::ALL.into_iter().map(|lobby| {
                let id = format!("f-waiting_room-{}", lobby.name());
                view! {
                    <div class="check-explained">
                        <input type="radio" id=id.clone() name="waiting_room" value=lobby.name() checked=current == lobby/>
                        <label for=id>
                            <span>{t(&format!("room.lobby.{}", lobby.name()))}</span>
                            <span class="hint">{t(&format!("room.lobby.{}.hint", lobby.name()))}</span>
                        </label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The settings form; what the room's type pins is shown but not changed, and only the regions it
/// allows are offered.
#[component]
pub fn SettingsForm(slug: String, settings: RoomSettings, kind: Option<RoomType>) -> impl IntoView {
    let pins = kind.clone().unwrap_or_default();
    let pin = move |name: &str| pins.pins(name);
    let allowed = kind.unwrap_or_default();
    let action = ServerAction::<SaveRoomSettings>::new();
    let error = form_error(action);
    let regions = Resource::new(|| (), |_| list_regions());
    let kept = Kept::for_form(<SaveRoomSettings as ServerFn>::PATH);
    let current_region = kept.text("region", settings.region.clone());
    let welcome = kept.text("welcome", settings.welcome.clone());
    let max = if settings.max_participants > 0 { settings.max_participants.to_string() } else { String::new() };
    view! {
        <section class="card">
            <h2>{t("room.settings")}</h2>
            <ActionForm action=action attr:novalidate=true attr:data-testid="room-settings">
                <FormError error/>
                <input type="hidden" name="slug" value=slug/>
                <div class="field">
                    <label for="f-region">{t("room.setting.region")}</label>
                    <select id="f-region" name="region">
                        <Transition fallback=|| ()>
                            {move || {
                                let current_region = current_region.clone();
                                let allowed = allowed.clone();
                                Suspend::new(async move {
                                    regions.await.unwrap_or_default().into_iter().filter(move |r| allowed.allows_region(&r.code)).map(|r| {
                                        let selected = r.code == current_region;
                                        // An option holds text only: the demo is marked in words.
                                        let demo = r.demo.then(|| format!(" ({})", t("region.demo")));
                                        view! { <option value=r.code.clone() selected=selected>{r.name.clone()}{demo}</option> }
                                    }).collect_view()
                                })
                            }}
                        </Transition>
                    </select>
                    <details><summary>{t("region.compare")}</summary><RegionComparison/></details>
                </div>
                <Field label="room.setting.viewer_code" name="viewer_code" error value=Signal::stored(settings.viewer_code.clone())
                    hint="room.setting.viewer_code.hint" autocomplete="off"/>
                <Field label="room.setting.moderator_code" name="moderator_code" error value=Signal::stored(settings.moderator_code.clone())
                    hint="room.setting.moderator_code.hint" autocomplete="off"/>
                <Lobbies current=Lobby::parse(&kept.text("waiting_room", settings.waiting_room.name())).unwrap_or(settings.waiting_room)
                    pinned=pin("waiting_room")/>
                <Toggle name="mute_on_join" checked=kept.checked("mute_on_join", settings.mute_on_join) pinned=pin("mute_on_join")/>
                <Toggle name="anyone_can_start" checked=kept.checked("anyone_can_start", settings.anyone_can_start) pinned=pin("anyone_can_start")/>
                <Toggle name="all_moderators" checked=kept.checked("all_moderators", settings.all_moderators) pinned=pin("all_moderators")/>
                <Toggle name="require_sign_in" checked=kept.checked("require_sign_in", settings.require_sign_in) pinned=pin("require_sign_in")/>
                <Toggle name="recording" checked=kept.checked("recording", settings.recording) pinned=pin("recording")/>
                <FieldMessage error name="recording"/>
                <Toggle name="auto_start_recording" checked=kept.checked("auto_start_recording", settings.auto_start_recording) pinned=pin("auto_start_recording")/>
                <FieldMessage error name="auto_start_recording"/>
                <super::recording_visibility::RecordingsDefault pinned=pin("recording_visibility")
                    current=RecordingVisibility::parse(&kept.text("recording_visibility", settings.recording_visibility.as_str().to_string()))
                        .unwrap_or(settings.recording_visibility)/>
                <FieldMessage error name="recording_visibility"/>
                <fieldset data-testid="lock-settings">
                    <legend>{t("room.locks")}</legend>
                    <p class="hint">{t("room.locks.hint")}</p>
                    {Locks::FIELDS.iter().zip(settings.locks.values()).map(|((name, _), on)| {
                        view! { <Toggle name=*name checked=kept.checked(name, on) pinned=pin(name)/> }
                    }).collect_view()}
                </fieldset>
                <Field label="room.setting.max_participants" name="max_participants" kind="number" error
                    value=Signal::stored(max) hint="room.setting.max_participants.hint"/>
                <div class="field">
                    <label for="f-welcome">{t("room.setting.welcome")}</label>
                    <p class="hint">{t("room.setting.welcome.hint")}</p>
                    <textarea id="f-welcome" name="welcome" rows="3">{welcome}</textarea>
                </div>
                <Submit label="common.save" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
