//! The member's recordings page: every recording of the rooms they own or co-own, newest first,
//! each with the room it belongs to (where it is managed).
use crate::accounts::model::Me;
use crate::accounts::ui::RequireUser;
use crate::i18n::{t, tf};
use crate::recordings::api::list_my_recordings;
use crate::recordings::model::{MyRecording, MyRecordings};
use crate::ui::FormError;
use leptos::prelude::*;

#[component]
pub fn MyRecordingsPage() -> impl IntoView {
    view! { <RequireUser children=|_: Me| view! { <MyRecordingsList/> }/> }
}

#[component]
fn MyRecordingsList() -> impl IntoView {
    let list = Resource::new(|| (), |_| list_my_recordings());
    view! {
        <crate::ui::PageHeading text=t("recording.mine.title")/>
        <section class="card">
            <Transition fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(mine) => view! { <Listing mine/> }.into_any(),
                        Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Listing(mine: MyRecordings) -> impl IntoView {
    let missing = (!mine.unavailable.is_empty()).then(|| {
        let names = mine.unavailable.join(", ");
        view! { <p class="form-error" role="alert">{tf("recording.mine.unavailable", &[("regions", (&names).into())])}</p> }
    });
    let items = if mine.recordings.is_empty() {
        view! { <p>{t("recording.mine.none")}</p> }.into_any()
    } else {
        view! {
            <ul class="recordings" data-testid="my-recordings">
                {mine.recordings.into_iter().map(|r| view! { <Item r/> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! { {missing} {items} }
}

#[component]
fn Item(r: MyRecording) -> impl IntoView {
    let rec = r.recording;
    view! {
        <li>
            <strong>{rec.name.clone()}</strong> " · " <a href=format!("/r/{}", r.room_slug)>{r.room_name}</a>
            " · " {rec.when.clone()} " · " {rec.length.clone()}
            <super::formats::Formats formats=rec.formats.clone() size=rec.size/>
            {(!rec.published).then(|| view! { " " <span class="badge">{t("recording.unpublished")}</span> })}
            " " <span class="hint">{t(&format!("recording.visibility.{}", rec.visibility.as_str()))}</span>
        </li>
    }
}
