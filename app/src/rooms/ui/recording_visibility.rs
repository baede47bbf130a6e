//! Who watches a room's new recordings: the four choices, each named as the recordings list names
//! it, for the room's settings and a room type's defaults.
use crate::i18n::t;
use crate::rooms::model::RecordingVisibility;
use leptos::prelude::*;

/// The choice; one the room's type pins is shown, not changed (a disabled fieldset posts nothing,
/// and the server keeps the type's value).
#[component]
pub fn RecordingsDefault(current: RecordingVisibility, #[prop(optional)] pinned: bool) -> impl IntoView {
    view! {
        <fieldset data-testid="recordings-default" disabled=pinned>
            <legend>{t("room.setting.recording_visibility")}</legend>
            <p class="hint">{t("room.setting.recording_visibility.hint")}</p>
            {pinned.then(|| view! { <p class="hint" data-testid="pinned">{t("room_type.pinned")}</p> })}
            {RecordingVisibility::ALL.into_iter().map(|v| {
                let id = format!("f-recording_visibility-{}", v.as_str());
                view! {
                    <div class="check">
                        <input type="radio" id=id.clone() name="recording_visibility" value=v.as_str() checked=current == v/>
                        <label for=id>{t(&format!("recording.visibility.{}", v.as_str()))}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
